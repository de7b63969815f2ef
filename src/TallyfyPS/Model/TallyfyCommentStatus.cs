namespace TallyfyPS.Model
{
    /// <summary>What came of one task of Add-TallyfyComment.</summary>
    public enum TallyfyCommentStatus
    {
        /// <summary>The comment was posted.</summary>
        Added,
        /// <summary>Refused before anything was sent (its error was written): Tallyfy's comment limit was reached, an id that is not a task's.</summary>
        Refused,
        /// <summary>The task was not found.</summary>
        NotFound,
        /// <summary>The service refused the comment (403).</summary>
        Forbidden,
        /// <summary>The comment was sent and failed, or was not sent because the comment limit was reached meanwhile (its error was written).</summary>
        Failed,
        /// <summary>Declined at the confirmation prompt: nothing was sent.</summary>
        Skipped,
        /// <summary>Not sent: the service had stopped answering (or refused the credentials) before this task's turn.</summary>
        NotAttempted,
        /// <summary>The comment was sent and no answer settled whether it was posted: list the task's comments to check.</summary>
        Unknown,
    }
}
