using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// A rerun of a journal whose earlier call was interrupted with an item under way: where that call had sent the
    /// change and the item now reads as done ("already archived", "not found" after a deletion), the change was that
    /// call's doing, and the result says so instead of a misleading status.
    /// </summary>
    internal static class Resumed
    {
        private const string ByTheEarlierCall = "by the earlier call this journal records, which was interrupted before it wrote the result";

        public static RemovalOutcome Removal(WorkItem item, RemovalOutcome outcome)
        {
            if ((outcome.Status == TallyfyRemovalStatus.NotFound || outcome.Status == TallyfyRemovalStatus.Absent) && item.WasInterruptedAt(ChangeSteps.Deleting))
            {
                outcome.Status = TallyfyRemovalStatus.Deleted;
                outcome.Error = null;
                outcome.Message = $"Deleted {ByTheEarlierCall}: it is gone now.";
            }
            else if (outcome.Status == TallyfyRemovalStatus.AlreadyArchived && item.WasInterruptedAt(ChangeSteps.Archiving))
            {
                outcome.Status = TallyfyRemovalStatus.Archived;
                outcome.Message = $"Archived {ByTheEarlierCall}.";
            }

            return outcome;
        }

        public static RestoreOutcome Restore(WorkItem item, RestoreOutcome outcome)
        {
            if (outcome.Status == TallyfyRestoreStatus.NotArchived && item.WasInterruptedAt(ChangeSteps.Restoring))
            {
                outcome.Status = TallyfyRestoreStatus.Restored;
                outcome.Message = $"Restored {ByTheEarlierCall}.";
            }

            return outcome;
        }
    }
}
