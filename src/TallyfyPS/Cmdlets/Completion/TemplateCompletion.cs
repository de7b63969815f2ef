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
    /// Completion of templates from the session's catalog (read once, kept two minutes): ids by the start of the id
    /// or by a word of the title, titles quoted where they need it. Silent like every completer: no session, no network
    /// or any failure completes nothing.
    /// </summary>
    internal static class TemplateCompletion
    {
        private const int MaxResults = 25;
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

        public static IEnumerable<CompletionResult> Complete(string? wordToComplete, IDictionary? fakeBoundParameters, bool titles)
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
                using var timeout = new CancellationTokenSource(Budget);
                using var context = new CallContext(timeout.Token);
                IReadOnlyList<RecordSuggestion> catalog = api.TemplateCatalogAsync(session!.OrganizationId, context).GetAwaiter().GetResult();
                bool hexPrefix = !titles && word.Length > 0 && word.All(Uri.IsHexDigit);
                IEnumerable<RecordSuggestion> matches = catalog.Where(t => word.Length == 0 ||
                    (hexPrefix && t.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase)) ||
                    t.Name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);
                return matches.Take(MaxResults)
                    .Select(t => titles
                        ? new CompletionResult(Quote(t.Name), t.Name, CompletionResultType.ParameterValue, $"{t.Name} ({t.Id})")
                        : new CompletionResult(t.Id, $"{t.Id} {t.Name}", CompletionResultType.ParameterValue,
                            string.IsNullOrEmpty(t.Status) ? t.Name : $"{t.Name} ({t.Status})"))
                    .ToArray();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>A title as PowerShell must see it: in single quotes when it has spaces or special characters.</summary>
        internal static string Quote(string text) =>
            text.Length > 0 && text.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.')
                ? text
                : "'" + text.Replace("'", "''") + "'";
    }
}
