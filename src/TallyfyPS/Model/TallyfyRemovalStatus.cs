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
    }
}
