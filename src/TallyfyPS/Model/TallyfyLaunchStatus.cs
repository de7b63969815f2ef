namespace TallyfyPS.Model
{
    /// <summary>What came of one row of Start-TallyfyRun (and what a journal records of it).</summary>
    public enum TallyfyLaunchStatus
    {
        /// <summary>The run was launched (by this call, or by an earlier one that the journal records).</summary>
        Launched,
        /// <summary>-SkipExisting: the template had a live run of that name, and nothing was launched; RunId is that run.</summary>
        Existing,
        /// <summary>The launch was sent and failed (its error was written): a rerun sends it again.</summary>
        Failed,
        /// <summary>The row was refused before anything was sent (its error was written): a wrong column, value or template.</summary>
        Refused,
        /// <summary>The template was not found.</summary>
        NotFound,
        /// <summary>The service refused the launch (403).</summary>
        Forbidden,
        /// <summary>Declined at the confirmation prompt: nothing was sent.</summary>
        Skipped,
        /// <summary>Not sent: the service had stopped answering (or refused the credentials) before this row's turn.</summary>
        NotAttempted,
        /// <summary>The launch was sent and no answer settled whether the run was made: check before launching it again.</summary>
        Unknown,
    }
}
