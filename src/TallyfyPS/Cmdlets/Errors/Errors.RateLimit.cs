using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The error of a rate limit that asks for a longer wait than the session makes (-MaxWaitSec).</summary>
    internal static partial class Errors
    {
        /// <summary>
        /// The one error of a bulk call whose action hit a rate limit longer than -MaxWaitSec: it names the limit, when it
        /// frees up (local and UTC), and how to finish the work after that. The items not sent are NotAttempted results.
        /// </summary>
        /// <param name="journal">The call's -Journal, or null; <paramref name="takesJournal"/>: the cmdlet keeps one.</param>
        public static ErrorRecord RateLimited(RateLimitInfo limit, string command, Noun noun, string? journal, bool takesJournal, object? target)
        {
            string text = $"{limit.Describe()}. {command} did not wait: this {noun.Name} and every later one of this action are reported " +
                "NotAttempted and were not sent again; other actions carried on.";
            string after = $"after {limit.ResetText}";
            string advice = journal != null
                ? $"Run the same command again with -Journal '{journal}' {after}: the items it settled are not sent again, the others are."
                : takesJournal
                    ? $"Run the same command again {after}, with -Journal <file> (the items already done are not sent again), for the results with Status NotAttempted (Where-Object Status -eq NotAttempted)."
                    : $"Run the command again {after} for the results with Status NotAttempted (Where-Object Status -eq NotAttempted).";
            advice += $" To wait instead, connect with a larger -MaxWaitSec (Connect-Tallyfy; now {limit.MaxWait.TotalSeconds:0} s).";
            return New(ErrorIds.RateLimited, ErrorCategory.LimitsExceeded, target, text, advice);
        }

        /// <summary>The same for a call that is not a bulk call (a listing, one change): what it did stays done.</summary>
        public static ErrorRecord RateLimited(RateLimitInfo limit, string command, object? target) => New(ErrorIds.RateLimited, ErrorCategory.LimitsExceeded, target,
            $"{limit.Describe()}. {command} did not wait and stopped there.",
            $"Run the command again after {limit.ResetText}. To wait instead, connect with a larger -MaxWaitSec (Connect-Tallyfy; now {limit.MaxWait.TotalSeconds:0} s).");
    }
}
