using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What tagging or untagging one run did.</summary>
    internal sealed class RunTagOutcome : RecordOutcome
    {
        public TallyfyRunTagStatus Status { get; set; } = TallyfyRunTagStatus.Failed;

        /// <summary>The association of the tag and the run, where one was made or removed.</summary>
        public string? AssociationId { get; set; }

        public override bool Changed => Status == TallyfyRunTagStatus.Tagged || Status == TallyfyRunTagStatus.Untagged;

        public override string StatusText => Status.ToString();

        protected override void OnFailed(TallyfyErrorKind kind) => Status = kind switch
        {
            TallyfyErrorKind.NotFound => TallyfyRunTagStatus.NotFound,
            TallyfyErrorKind.Forbidden => TallyfyRunTagStatus.Forbidden,
            TallyfyErrorKind.NotSent => TallyfyRunTagStatus.NotAttempted,
            _ => TallyfyRunTagStatus.Failed,
        };

        protected override void OnSkipped() => Status = TallyfyRunTagStatus.Skipped;
    }
}
