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

        public override bool Succeeded =>
            Status == TallyfyRemovalStatus.Archived || Status == TallyfyRemovalStatus.Deleted ||
            Status == TallyfyRemovalStatus.AlreadyArchived;

        internal override bool Settled => Succeeded || Status == TallyfyRemovalStatus.NotFound;

        public override string ToString() => $"{RunId} {Status}";
    }
}
