using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>What archiving or permanently deleting one record did.</summary>
    public sealed class RemovalOutcome : RecordOutcome
    {
        public TallyfyRemovalStatus Status { get; set; } = TallyfyRemovalStatus.Failed;

        /// <summary>For a permanent deletion that archived the record but did not delete it.</summary>
        public bool ArchivedOnTheWay { get; set; }

        public override bool Changed =>
            Status == TallyfyRemovalStatus.Archived || Status == TallyfyRemovalStatus.Deleted || ArchivedOnTheWay;

        public override string StatusText => Status.ToString();

        protected override void OnFailed(TallyfyErrorKind kind) => Status = kind switch
        {
            TallyfyErrorKind.NotFound => TallyfyRemovalStatus.NotFound,
            TallyfyErrorKind.Forbidden => TallyfyRemovalStatus.Forbidden,
            TallyfyErrorKind.NotSent => TallyfyRemovalStatus.NotAttempted,
            _ => TallyfyRemovalStatus.Failed,
        };

        protected override void OnSkipped() => Status = TallyfyRemovalStatus.Skipped;
    }
}
