using System;

namespace TallyfyPS.Model
{
    public sealed class TallyfyRunRestoreResult : TallyfyOperationResult
    {
        public string RunId { get; set; } = string.Empty;
        public string? Name { get; set; }
        public TallyfyAction Action { get; set; } = TallyfyAction.Restore;
        public TallyfyRestoreStatus Status { get; set; }

        public override bool Succeeded =>
            Status == TallyfyRestoreStatus.Restored || Status == TallyfyRestoreStatus.NotArchived;

        internal override bool Settled => Succeeded || Status == TallyfyRestoreStatus.NotFound;

        public override string ToString() => $"{RunId} {Status}";
    }
}
