using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of tagging runs.</summary>
    internal static partial class Errors
    {
        /// <summary>A run that is archived: Tallyfy tags none (it answers 422 "Subject not found", as for an unknown id).</summary>
        /// <param name="subject">"Run 'Q3 audit' (9f2c...)".</param>
        /// <param name="sent">Whether the tagging was sent (and refused) or known beforehand.</param>
        public static ErrorRecord RunArchived(string subject, string runId, bool sent, object? target, TallyfyApiException? inner) => New(
            ErrorIds.RunArchived, ErrorCategory.InvalidOperation, target,
            $"{subject} is archived, and Tallyfy tags no archived run" +
            (sent ? " (it answered 422 \"Subject not found\")." : ". Nothing was sent for it."),
            $"Restore it first (Restore-TallyfyRun -Id {runId}), then tag it; or leave archived runs out (Get-TallyfyRun without -IncludeArchived).",
            inner);
    }
}
