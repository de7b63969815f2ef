using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What restoring (reactivating) one record did.</summary>
    internal sealed class RestoreOutcome : RecordOutcome
    {
        public TallyfyRestoreStatus Status { get; set; } = TallyfyRestoreStatus.Failed;

        public override bool Changed => Status == TallyfyRestoreStatus.Restored;

        public override string StatusText => Status.ToString();

        protected override void OnFailed(TallyfyErrorKind kind) => Status = kind switch
        {
            TallyfyErrorKind.NotFound => TallyfyRestoreStatus.NotFound,
            TallyfyErrorKind.Forbidden => TallyfyRestoreStatus.Forbidden,
            TallyfyErrorKind.NotSent => TallyfyRestoreStatus.NotAttempted,
            _ => TallyfyRestoreStatus.Failed,
        };

        protected override void OnSkipped() => Status = TallyfyRestoreStatus.Skipped;
    }
}
