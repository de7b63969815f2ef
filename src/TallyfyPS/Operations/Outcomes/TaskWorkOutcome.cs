using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What completing, approving, rejecting or reopening one task did.</summary>
    internal sealed class TaskWorkOutcome : RecordOutcome
    {
        public TallyfyTaskCompletionStatus Status { get; set; } = TallyfyTaskCompletionStatus.Failed;

        /// <summary>When Tallyfy recorded the completion, where its answer said.</summary>
        public System.DateTimeOffset? CompletedAt { get; set; }


        public override bool Changed =>
            Status == TallyfyTaskCompletionStatus.Completed || Status == TallyfyTaskCompletionStatus.Approved ||
            Status == TallyfyTaskCompletionStatus.Rejected || Status == TallyfyTaskCompletionStatus.Reopened ||
            Status == TallyfyTaskCompletionStatus.Unknown;

        public override string StatusText => Status.ToString();

        protected override void OnFailed(TallyfyErrorKind kind) => Status = kind switch
        {
            TallyfyErrorKind.NotFound => TallyfyTaskCompletionStatus.NotFound,
            TallyfyErrorKind.Forbidden => TallyfyTaskCompletionStatus.Forbidden,
            TallyfyErrorKind.NotSent => TallyfyTaskCompletionStatus.NotAttempted,
            TallyfyErrorKind.Transport when MutationSent => TallyfyTaskCompletionStatus.Unknown,
            TallyfyErrorKind.ServerError when MutationSent => TallyfyTaskCompletionStatus.Unknown,
            _ => TallyfyTaskCompletionStatus.Failed,
        };

        protected override void OnSkipped() => Status = TallyfyTaskCompletionStatus.Skipped;
    }
}
