namespace TallyfyPS.Model
{
    /// <summary>What came of one record of Set-TallyfyRun or Set-TallyfyTask.</summary>
    public enum TallyfyUpdateStatus
    {
        /// <summary>The change was applied.</summary>
        Updated,
        /// <summary>Refused before anything was sent (its error was written): a value the record does not take, a completed task.</summary>
        Refused,
        /// <summary>The record was not found.</summary>
        NotFound,
        /// <summary>The service refused the change (403).</summary>
        Forbidden,
        /// <summary>The change was sent and failed (its error was written).</summary>
        Failed,
        /// <summary>Declined at the confirmation prompt: nothing was sent.</summary>
        Skipped,
        /// <summary>Not sent: the service had stopped answering (or refused the credentials) before this record's turn.</summary>
        NotAttempted,
        /// <summary>The change was sent and no answer settled whether it was applied: read the record to check.</summary>
        Unknown,
    }
}
