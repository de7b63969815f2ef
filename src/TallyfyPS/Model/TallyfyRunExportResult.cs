namespace TallyfyPS.Model
{
    /// <summary>What Export-TallyfyRun did with one run: the backup file, its hash, and what it took to read the run.</summary>
    public sealed class TallyfyRunExportResult : TallyfyOperationResult
    {
        public string RunId { get; set; } = string.Empty;
        public string? RunName { get; set; }
        public TallyfyExportStatus Status { get; set; }

        /// <summary>The backup file (full path), when one was written or found current.</summary>
        public string? File { get; set; }

        /// <summary>SHA-256 of the file's bytes, lowercase hex, as read back from disk.</summary>
        public string? Sha256 { get; set; }

        public long Bytes { get; set; }

        /// <summary>The run's last_updated as the backup records it (what a rerun compares).</summary>
        public TallyfyTimestamp? LastUpdated { get; set; }

        /// <summary>When the run was archived (before the export); null for a live run.</summary>
        public TallyfyTimestamp? ArchivedAt { get; set; }

        /// <summary>
        /// True when the run was archived and was restored for a moment to be read whole (Tallyfy hides an archived
        /// run's comments), then archived again.
        /// </summary>
        public bool RestoredForExport { get; set; }

        /// <summary>
        /// Whether the backup holds the run whole. False for an archived run backed up without restoring it: Tallyfy
        /// hides an archived run's comments, and <see cref="Missing"/> names what the file lacks. Null when nothing was written.
        /// </summary>
        public bool? Complete { get; set; }

        /// <summary>
        /// What the backup could not hold, named as in with= and separated by ", " (tasks.threads: the comments of its
        /// tasks); null when it is whole.
        /// </summary>
        public string? Missing { get; set; }

        public override bool Succeeded => Status == TallyfyExportStatus.Exported || Status == TallyfyExportStatus.Current;

        internal override bool Settled => Succeeded || Status == TallyfyExportStatus.NotFound;

        public override string ToString() => $"{RunId} {Status}";
    }
}
