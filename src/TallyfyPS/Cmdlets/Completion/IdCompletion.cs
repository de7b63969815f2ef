using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Completion of record ids from the service: bounded (one request, 25 results, 2 seconds) and silent (no
    /// session, no network or any failure completes nothing). Restore-* completes archived records.
    /// </summary>
    internal static class IdCompletion
    {
        private const int MaxResults = 25;
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

        public static IEnumerable<CompletionResult> Complete(RecordKind kind, string? commandName, string? wordToComplete, IDictionary? fakeBoundParameters)
        {
            try
            {
                TallyfySession? session = CompletionCache.SessionOf(fakeBoundParameters);
                TallyfyApi? api = session is null || session.IsDisconnected ? null : SessionStore.ConnectionOf(session)?.Api;
                if (api is null)
                {
                    return Array.Empty<CompletionResult>();
                }

                string word = (wordToComplete ?? string.Empty).Trim('\'', '"', ' ');
                ArchivedFilter archived = commandName != null && commandName.StartsWith("Restore-", StringComparison.OrdinalIgnoreCase)
                    ? ArchivedFilter.Only
                    : commandName != null && commandName.StartsWith("Export-", StringComparison.OrdinalIgnoreCase) ? ArchivedFilter.Include : ArchivedFilter.Exclude;
                using var timeout = new CancellationTokenSource(Budget);
                using var context = new CallContext(timeout.Token);
                return api.SuggestAsync(kind, session!.OrganizationId, word, archived, MaxResults, context).GetAwaiter().GetResult()
                    .Select(i => new CompletionResult(i.Id, $"{i.Id} {i.Name}", CompletionResultType.ParameterValue,
                        string.IsNullOrEmpty(i.Status) ? i.Name : $"{i.Name} ({i.Status})"))
                    .ToArray();
            }
            catch (Exception)
            {
                // Completion must never disturb typing: no session, no network, a slow or broken answer complete nothing.
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
