using System;

namespace TallyfyPS.Model
{
    public sealed class TallyfyTaskRestoreResult : TallyfyOperationResult
    {
        public string TaskId { get; set; } = string.Empty;
        public string? Title { get; set; }
        public TallyfyAction Action { get; set; } = TallyfyAction.Restore;
        public TallyfyRestoreStatus Status { get; set; }

        public override bool Succeeded =>
            Status == TallyfyRestoreStatus.Restored || Status == TallyfyRestoreStatus.NotArchived;

        internal override bool Settled => Succeeded || Status == TallyfyRestoreStatus.NotFound;

        public override string ToString() => $"{TaskId} {Status}";
    }
}
