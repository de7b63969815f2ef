using System;

namespace TallyfyPS.Model
{
    public sealed class TallyfyRunRemovalResult : TallyfyOperationResult
    {
        public string RunId { get; set; } = string.Empty;
        public string? Name { get; set; }
        public TallyfyAction Action { get; set; }
        public TallyfyRemovalStatus Status { get; set; }
        /// <summary>With -BackupPath: the backup file written (or found current) before the run was archived or deleted.</summary>
        public string? BackupFile { get; set; }

        /// <summary>
        /// When the run had been archived, where it was restored to be read for its backup (-Permanent -BackupPath of an
        /// archived run): Tallyfy recorded a new archive date when it was archived again. Null otherwise.
        /// </summary>
        public TallyfyTimestamp? ArchivedAt { get; set; }

        public override bool Succeeded =>
            Status == TallyfyRemovalStatus.Archived || Status == TallyfyRemovalStatus.Deleted ||
            Status == TallyfyRemovalStatus.AlreadyArchived || Status == TallyfyRemovalStatus.Absent;

        internal override bool Settled => Succeeded || Status == TallyfyRemovalStatus.NotFound;

        public override string ToString() => $"{RunId} {Status}";
    }
}
