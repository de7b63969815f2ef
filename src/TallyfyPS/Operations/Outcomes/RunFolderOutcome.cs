using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What putting one run in a folder, or taking it out, did.</summary>
    internal sealed class RunFolderOutcome : RecordOutcome
    {
        public TallyfyRunFolderStatus Status { get; set; } = TallyfyRunFolderStatus.Failed;

        /// <summary>The run's place in the folder, where one was made, found or removed.</summary>
        public string? FolderObjectId { get; set; }

        public override bool Changed => Status == TallyfyRunFolderStatus.Added || Status == TallyfyRunFolderStatus.Removed;

        public override string StatusText => Status.ToString();

        protected override void OnFailed(TallyfyErrorKind kind) => Status = kind switch
        {
            TallyfyErrorKind.NotFound => TallyfyRunFolderStatus.NotFound,
            TallyfyErrorKind.Forbidden => TallyfyRunFolderStatus.Forbidden,
            TallyfyErrorKind.NotSent => TallyfyRunFolderStatus.NotAttempted,
            _ => TallyfyRunFolderStatus.Failed,
        };

        protected override void OnSkipped() => Status = TallyfyRunFolderStatus.Skipped;
    }
}
