namespace TallyfyPS.Client
{
    /// <summary>A kind of record that can be archived, deleted for good and restored: runs, and one-off tasks.</summary>
    internal sealed class RecordKind
    {
        private RecordKind(string noun, string collection, string restoreVerb, string nameField, string? listFilter)
        {
            Noun = noun;
            Collection = collection;
            RestoreVerb = restoreVerb;
            NameField = nameField;
            ListFilter = listFilter;
        }

        /// <summary>Runs: archive with DELETE, reactivate with PUT .../activate.</summary>
        public static RecordKind Run { get; } = new RecordKind("run", "runs", "activate", "name", null);

        /// <summary>One-off tasks: archive with DELETE, restore with PUT .../restore.</summary>
        public static RecordKind Task { get; } = new RecordKind("task", "tasks", "restore", "title", "is_oneoff");

        /// <summary>"run" or "task".</summary>
        public string Noun { get; }

        internal string Collection { get; }
        internal string RestoreVerb { get; }
        internal string NameField { get; }

        /// <summary>A query key that narrows the organization's list to records of this kind (one-off tasks), or null.</summary>
        internal string? ListFilter { get; }

        public override string ToString() => Noun;
    }
}
