using System.Collections.Generic;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>One value converted: given or not, the value in the API's shape (or owners still to resolve), or what was wrong.</summary>
    internal sealed class FieldConversion
    {
        private FieldConversion(bool given, object? value, IReadOnlyList<object?>? owners, string? problem)
        {
            Given = given;
            Value = value;
            Owners = owners;
            Problem = problem;
        }

        public static FieldConversion NotGiven { get; } = new FieldConversion(false, null, null, null);

        public bool Given { get; }

        public object? Value { get; }

        /// <summary>For an assignees field: the owners as given, to resolve to users, guests and groups.</summary>
        public IReadOnlyList<object?>? Owners { get; }

        public string? Problem { get; }

        internal static FieldConversion Of(object? value) => new FieldConversion(true, value, null, null);

        internal static FieldConversion OfOwners(IReadOnlyList<object?> owners) =>
            owners.Count == 0 ? NotGiven : new FieldConversion(true, null, owners, null);

        internal static FieldConversion Failed(string problem) => new FieldConversion(false, null, null, problem);
    }
}
