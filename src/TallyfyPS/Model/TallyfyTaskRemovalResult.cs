using System;

namespace TallyfyPS.Model
{
    public sealed class TallyfyTaskRemovalResult : TallyfyOperationResult
    {
        public string TaskId { get; set; } = string.Empty;
        public string? Title { get; set; }
        public TallyfyAction Action { get; set; }
        public TallyfyRemovalStatus Status { get; set; }

        public override bool Succeeded =>
            Status == TallyfyRemovalStatus.Archived || Status == TallyfyRemovalStatus.Deleted ||
            Status == TallyfyRemovalStatus.AlreadyArchived || Status == TallyfyRemovalStatus.Absent;

        internal override bool Settled => Succeeded || Status == TallyfyRemovalStatus.NotFound;

        public override string ToString() => $"{TaskId} {Status}";
    }
}
