using System;

namespace TallyfyPS.Model
{
    /// <summary>The outcome of Remove-TallyfyRun / Remove-TallyfyTask for one item.</summary>
    public enum TallyfyRemovalStatus
    {
        Archived,
        Deleted,
        AlreadyArchived,
        NotFound,
        Forbidden,
        Failed,
        Skipped,
        /// <summary>Nothing was sent: the service had stopped answering, or the credentials were refused, before this item's turn.</summary>
        NotAttempted,
        /// <summary>-BackupPath: the run's backup could not be written or read back, so nothing was archived or deleted.</summary>
        BackupFailed,
        /// <summary>
        /// -Permanent: the record answers 404 to the archive and to the deletion: deleted for good earlier (a rerun
        /// without its journal), or never in this organization; Tallyfy cannot tell which. What the deletion was for
        /// holds, so it counts as a success and writes no error record.
        /// </summary>
        Absent,
    }
}
