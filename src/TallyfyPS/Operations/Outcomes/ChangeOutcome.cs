using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What one change (a launch, an update, a comment) did, with the record it produced.</summary>
    internal abstract class ChangeOutcome<T> : RecordOutcome
        where T : class
    {
        public ChangeStatus Status { get; set; } = ChangeStatus.Failed;

        /// <summary>The record as the service answered (the new run, the updated task, the comment), or found.</summary>
        public T? Record { get; set; }


        public override bool Changed => Status == ChangeStatus.Done || Status == ChangeStatus.Unknown;

        public override string StatusText => Status == ChangeStatus.Done ? DoneText : Status.ToString();

        /// <summary>The word for Done: "Launched", "Updated", "Added".</summary>
        protected abstract string DoneText { get; }

        protected override void OnFailed(TallyfyErrorKind kind) => Status = kind switch
        {
            TallyfyErrorKind.NotFound => ChangeStatus.NotFound,
            TallyfyErrorKind.Forbidden => ChangeStatus.Forbidden,
            TallyfyErrorKind.NotSent => ChangeStatus.NotAttempted,
            TallyfyErrorKind.Transport when MutationSent => ChangeStatus.Unknown,
            TallyfyErrorKind.ServerError when MutationSent => ChangeStatus.Unknown,
            _ => ChangeStatus.Failed,
        };

        protected override void OnSkipped() => Status = ChangeStatus.Skipped;
    }
}
