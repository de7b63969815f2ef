using System;

namespace TallyfyPS.Model
{
    /// <summary>The outcome of Restore-TallyfyRun / Restore-TallyfyTask for one item.</summary>
    public enum TallyfyRestoreStatus
    {
        Restored,
        NotArchived,
        NotFound,
        Forbidden,
        Failed,
        Skipped,
        /// <summary>Nothing was sent: the service had stopped answering, or the credentials were refused, before this item's turn.</summary>
        NotAttempted,
    }
}
