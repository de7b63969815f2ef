using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Tab completion of run ids for -Id: from the current session (or the -Session typed on the line),
    /// matching what was typed against the id's start or the run's name. Bounded (one request, 25 results,
    /// 2 seconds) and silent: no session, no network or any failure completes nothing.
    /// </summary>
    public sealed class RunIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            IdCompletion.Complete(ResourceKind.Run, wordToComplete, fakeBoundParameters);
    }

    /// <summary>Tab completion of one-off task ids for -Id, like <see cref="RunIdCompleter"/>.</summary>
    public sealed class TaskIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            IdCompletion.Complete(ResourceKind.Task, wordToComplete, fakeBoundParameters);
    }

    internal static class IdCompletion
    {
        private const int MaxResults = 25;
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

        public static IEnumerable<CompletionResult> Complete(ResourceKind kind, string? wordToComplete, IDictionary? fakeBoundParameters)
        {
            try
            {
                TallyfySession? session = (fakeBoundParameters?["Session"] as PSObject)?.BaseObject as TallyfySession
                    ?? fakeBoundParameters?["Session"] as TallyfySession
                    ?? SessionStore.Current;
                if (session is null || session.IsDisconnected)
                {
                    return Array.Empty<CompletionResult>();
                }

                string word = (wordToComplete ?? string.Empty).Trim('\'', '"', ' ');
                bool hexPrefix = word.Length > 0 && word.All(Uri.IsHexDigit);
                var query = new List<KeyValuePair<string, string>>();
                if (word.Length > 0 && !hexPrefix)
                {
                    query.Add(new KeyValuePair<string, string>("q", word));
                }

                if (kind == ResourceKind.Task)
                {
                    query.Add(new KeyValuePair<string, string>("is_oneoff", "true"));
                }

                string path = "organizations/" + TallyfyClient.Segment(session.OrganizationId) + "/" + kind.Collection;
                using var timeout = new CancellationTokenSource(Budget);
                var page = session.Client.GetPageAsync(path, query, 1, 100, e => Describe(kind, e), timeout.Token)
                    .GetAwaiter().GetResult();
                return page.Items
                    .Where(i => !hexPrefix || i.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                    .Take(MaxResults)
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

        private static (string Id, string Name, string? Status) Describe(ResourceKind kind, System.Text.Json.JsonElement e) =>
            (Json.RequiredId(e, "id"), (Json.String(e, kind.NameField) ?? string.Empty).Replace('\n', ' '), Json.String(e, "status"));
    }
}
