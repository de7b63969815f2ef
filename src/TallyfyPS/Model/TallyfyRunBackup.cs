namespace TallyfyPS.Model
{
    /// <summary>A run as a backup file holds it (Import-TallyfyBackup): the run, its tasks, comments and activity.</summary>
    public sealed class TallyfyRunBackup
    {
        public string RunId { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;

        /// <summary>The run as it was exported, with its kick-off answers, tags, tasks, form fields and comments.</summary>
        public TallyfyRun Run { get; set; } = new TallyfyRun();

        /// <summary>The run's tasks, each with its form fields and comments.</summary>
        public TallyfyList<TallyfyTask> Tasks { get; set; } = TallyfyList<TallyfyTask>.Empty;

        /// <summary>Every comment of every task.</summary>
        public TallyfyList<TallyfyComment> Comments { get; set; } = TallyfyList<TallyfyComment>.Empty;

        /// <summary>The run's activity feed entries as exported, newest first.</summary>
        public TallyfyList<TallyfyActivity> Activity { get; set; } = TallyfyList<TallyfyActivity>.Empty;

        public TallyfyTimestamp? ExportedAt { get; set; }

        /// <summary>When the run was archived before the export (null: it was live).</summary>
        public TallyfyTimestamp? ArchivedAt { get; set; }

        public bool RestoredForExport { get; set; }

        /// <summary>Whether the file holds the run whole; false for an archived run backed up without restoring it (see Missing).</summary>
        public bool Complete { get; set; } = true;

        /// <summary>What the file could not hold, named as in with= (tasks.threads: the comments); null when whole.</summary>
        public string? Missing { get; set; }

        public string OrganizationId { get; set; } = string.Empty;

        /// <summary>The format version of the file (docs/backup-format.md).</summary>
        public int FormatVersion { get; set; }

        public string? ModuleVersion { get; set; }

        /// <summary>Where the run was read from.</summary>
        public string? SourceUrl { get; set; }

        /// <summary>The backup file (full path).</summary>
        public string File { get; set; } = string.Empty;

        public override string ToString() => RunId;
    }
}
