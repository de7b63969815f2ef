using System.Management.Automation;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of problems and open issues.</summary>
    internal static partial class Errors
    {
        /// <summary>A task of a locked run: refused by Tallyfy (sent) or known locked before (not sent).</summary>
        /// <param name="subject">"Task 'Collect W-9' (id)".</param>
        public static ErrorRecord RunHasOpenIssue(string subject, string runId, string? runName, bool sent, object? target)
        {
            string run = runName is null ? $"its run {runId}" : $"its run '{runName}' ({runId})";
            return New(ErrorIds.RunHasOpenIssue, ErrorCategory.InvalidOperation, target,
                $"{subject}: {run} has an open issue, and Tallyfy changes none of its tasks until it is resolved. " +
                (sent ? "Tallyfy refused the change." : "Nothing was sent for it (this call learnt the run is locked)."),
                $"See the open problems with Get-TallyfyComment -RunId {runId} -Open, resolve them with Resolve-TallyfyProblem -RunId {runId} -All -Text '...', then run this again.");
        }

        public static ErrorRecord NotAProblem(string subject, string? label, object? target) => New(ErrorIds.NotAProblem, ErrorCategory.InvalidArgument, target,
            $"{subject} is a comment labelled '{label}', not a problem, so there is nothing to resolve. Nothing was sent for it.",
            "Pass only problems: Get-TallyfyComment -Open lists the open ones.");

        public static ErrorRecord ProblemNotFound(string subject, string threadId, object? target) => New(ErrorIds.ProblemNotFound, ErrorCategory.ObjectNotFound, target,
            $"{subject} has no problem with the id {threadId}. Nothing was sent for it.",
            "List its problems with Get-TallyfyComment (the open ones with -Open), or pass -All to resolve every open one.");
    }
}
