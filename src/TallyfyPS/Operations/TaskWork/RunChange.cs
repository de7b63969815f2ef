using System.Collections.Generic;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>What to change on a run; what is null stays as it is (its members and groups are always sent back).</summary>
    internal sealed class RunChange
    {
        public string? Name { get; set; }

        public string? Summary { get; set; }

        /// <summary>The run's owner (a member's id).</summary>
        public long? OwnerId { get; set; }

        public bool? Starred { get; set; }

        /// <summary>Kick-off values in the API's shapes, by field id.</summary>
        public IReadOnlyDictionary<string, object?>? Prerun { get; set; }

        public bool IsEmpty => Name is null && Summary is null && OwnerId is null && Starred is null && (Prerun is null || Prerun.Count == 0);
    }
}
