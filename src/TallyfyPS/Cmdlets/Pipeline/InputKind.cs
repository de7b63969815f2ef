using System;
using System.Collections.Generic;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// One way of reading input for <see cref="InputReader"/>: the noun its errors use, the property names an object may
    /// carry its id in, how an id is checked, and what the module's own objects say of a record of this kind. Each is
    /// defined with its noun in Nouns.cs (<see cref="Noun.Input"/>, and the few other readings beside it).
    /// </summary>
    internal sealed class InputKind
    {
        public InputKind(Noun noun, IReadOnlyList<string> idNames, Func<string?, string?> normalize, Func<object, InputKind, KnownInput?> typed)
        {
            Noun = noun;
            IdNames = idNames;
            Normalize = normalize;
            Typed = typed;
        }

        public Noun Noun { get; }

        /// <summary>The property names an input object may carry its id in.</summary>
        public IReadOnlyList<string> IdNames { get; }

        /// <summary>The id in its one spelling, or null when the value is not an id of this kind.</summary>
        public Func<string?, string?> Normalize { get; }

        /// <summary>What one of the module's own objects says of a record of this kind; null for objects it does not know.</summary>
        public Func<object, InputKind, KnownInput?> Typed { get; }

        /// <summary>The name property an input row may carry ("Name", or "Title" for tasks).</summary>
        public string NameProperty => Noun == Noun.Task ? "Title" : "Name";
    }

    /// <summary>What a typed input object said: its id, organization and state, or why it is refused.</summary>
    internal sealed class KnownInput
    {
        private KnownInput(string rawId, string? organizationId, RecordState state, ErrorRecord? refusal)
        {
            RawId = rawId;
            OrganizationId = organizationId;
            State = state;
            Refusal = refusal;
        }

        public string RawId { get; }
        public string? OrganizationId { get; }
        public RecordState State { get; }
        public ErrorRecord? Refusal { get; }

        public static KnownInput Of(string rawId, string? organizationId, RecordState state) => new KnownInput(rawId, organizationId, state, null);

        public static KnownInput Refused(string rawId, ErrorRecord refusal) => new KnownInput(rawId, null, RecordState.Unknown, refusal);

        /// <summary>What a removal result says of its record now.</summary>
        public static RecordState AfterRemoval(TallyfyRemovalStatus status, string? name) => new RecordState(
            status == TallyfyRemovalStatus.Archived || status == TallyfyRemovalStatus.AlreadyArchived ? KnownState.Archived : KnownState.Unknown, name);

        /// <summary>What a restore result says of its record now.</summary>
        public static RecordState AfterRestore(TallyfyRestoreStatus status, string? name) => new RecordState(
            status == TallyfyRestoreStatus.Restored || status == TallyfyRestoreStatus.NotArchived ? KnownState.Live : KnownState.Unknown, name);
    }
}
