using System;
using System.Management.Automation;

namespace TallyfyPS.Cmdlets
{
    /// <summary>-Timeout and -Interval of the Wait cmdlets, checked before anything is read.</summary>
    internal static class WaitArguments
    {
        private static readonly TimeSpan ShortestInterval = TimeSpan.FromMilliseconds(100);

        public static void Check(PSCmdlet cmdlet, TimeSpan timeout, TimeSpan interval)
        {
            if (timeout < TimeSpan.Zero)
            {
                cmdlet.ThrowTerminatingError(Errors.New(ErrorIds.InvalidDuration, ErrorCategory.InvalidArgument, timeout,
                    $"-Timeout {timeout} is negative.", "Give how long to wait in all, in seconds (600) or as a time span (00:10:00)."));
            }

            if (interval < ShortestInterval)
            {
                cmdlet.ThrowTerminatingError(Errors.New(ErrorIds.InvalidDuration, ErrorCategory.InvalidArgument, interval,
                    $"-Interval {interval} is shorter than 0.1 seconds: checking that often would only be throttled.",
                    "Give the pause between two checks in seconds (10) or as a time span (00:00:10)."));
            }
        }
    }
}
