using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What deleting one tag did.</summary>
    internal sealed class TagRemovalOutcome : RecordOutcome
    {
        public TallyfyTagRemovalStatus Status { get; set; } = TallyfyTagRemovalStatus.Failed;

        public override bool Changed => Status == TallyfyTagRemovalStatus.Deleted;

        public override string StatusText => Status.ToString();

        protected override void OnFailed(TallyfyErrorKind kind) => Status = kind switch
        {
            TallyfyErrorKind.NotFound => TallyfyTagRemovalStatus.NotFound,
            TallyfyErrorKind.Forbidden => TallyfyTagRemovalStatus.Forbidden,
            TallyfyErrorKind.NotSent => TallyfyTagRemovalStatus.NotAttempted,
            _ => TallyfyTagRemovalStatus.Failed,
        };

        protected override void OnSkipped() => Status = TallyfyTagRemovalStatus.Skipped;
    }
}
