using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What archiving or permanently deleting one record did.</summary>
    internal sealed class RemovalOutcome : RecordOutcome
    {
        public TallyfyRemovalStatus Status { get; set; } = TallyfyRemovalStatus.Failed;

        /// <summary>For a permanent deletion that archived the record but did not delete it.</summary>
        public bool ArchivedOnTheWay { get; set; }

        public override bool Changed =>
            Status == TallyfyRemovalStatus.Archived || Status == TallyfyRemovalStatus.Deleted || ArchivedOnTheWay;

        public override string StatusText => Status.ToString();

        /// <summary>
        /// A permanent deletion of a record that answers 404 (deleted earlier, or never in the organization: Tallyfy
        /// cannot tell which): nothing is left to delete, so the deletion's goal holds. A success, no error record.
        /// </summary>
        public void SetAbsent()
        {
            Status = TallyfyRemovalStatus.Absent;
            HttpStatus = 404;
            Error = null;
            Message = "Not found (HTTP 404): deleted earlier, or never in this organization; Tallyfy cannot tell which. Nothing was deleted now.";
        }

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
