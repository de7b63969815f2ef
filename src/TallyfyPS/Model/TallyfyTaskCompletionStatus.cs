namespace TallyfyPS.Model
{
    /// <summary>The outcome of Complete-TallyfyTask / Undo-TallyfyTaskCompletion for one task.</summary>
    public enum TallyfyTaskCompletionStatus
    {
        /// <summary>Completed by this call.</summary>
        Completed,
        /// <summary>An approval task, approved by this call.</summary>
        Approved,
        /// <summary>An approval task, rejected by this call.</summary>
        Rejected,
        /// <summary>It was completed already: nothing was sent (Tallyfy would complete it again and re-send its notifications).</summary>
        AlreadyCompleted,
        /// <summary>Reopened by this call.</summary>
        Reopened,
        /// <summary>It was not completed: nothing was sent.</summary>
        AlreadyOpen,
        NotFound,
        Forbidden,
        Failed,
        /// <summary>Declined at the confirmation prompt; nothing was sent.</summary>
        Skipped,
        /// <summary>Nothing was sent: the service had stopped answering, or the credentials were refused, before this item's turn.</summary>
        NotAttempted,
        /// <summary>The request was sent but no answer came and a read could not settle whether it was applied: check the task.</summary>
        Unknown,
    }
}
