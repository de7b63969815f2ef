using System;
using System.Management.Automation;
using TallyfyPS.Client;

namespace TallyfyPS.Cmdlets
{
    internal static partial class Errors
    {
        /// <summary>A wait that ended before its record reached the status asked for: the last state seen is the target.</summary>
        public static ErrorRecord WaitTimedOut(Noun noun, string id, string? name, string wanted, string? lastStatus, TimeSpan timeout, int checks, object? lastSeen, string command)
        {
            string seen = lastStatus is null ? "it could not be read" : $"it was last seen {lastStatus}";
            return New(ErrorIds.WaitTimedOut, ErrorCategory.OperationTimeout, lastSeen ?? id,
                $"{noun.Describe(id, name)} did not become {wanted} within {Words.Duration(timeout)}: {seen} ({Words.Count(checks, "check")}).",
                $"Wait longer ({command} -Id {id} -Timeout <seconds>), or look at it with {noun.GetCommand} -Id {id}.");
        }
    }
}
