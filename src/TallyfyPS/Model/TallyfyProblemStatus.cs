namespace TallyfyPS.Model
{
    /// <summary>What came of one problem of Resolve-TallyfyProblem.</summary>
    public enum TallyfyProblemStatus
    {
        /// <summary>The problem was resolved (Tallyfy's resolved-threads): the resolution is in Resolution.</summary>
        Resolved,
        /// <summary>It was resolved already (a read showed its resolution, or Tallyfy said so); nothing changed.</summary>
        AlreadyResolved,
        /// <summary>-All found no open problem on the task or run; nothing was sent.</summary>
        NothingToResolve,
        /// <summary>Refused before anything was sent (its error was written): no such problem, a comment that is no problem.</summary>
        Refused,
        /// <summary>The task or run was not found.</summary>
        NotFound,
        /// <summary>The service refused it (403).</summary>
        Forbidden,
        /// <summary>The resolution was sent and failed (its error was written).</summary>
        Failed,
        /// <summary>Declined at the confirmation prompt: nothing was sent.</summary>
        Skipped,
        /// <summary>Not sent: the service had stopped answering (or refused the credentials) before its turn.</summary>
        NotAttempted,
        /// <summary>The resolution was sent and no answer settled whether it was applied: list the open problems to check.</summary>
        Unknown,
    }
}
