using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Tab completion of tag titles (quoted where they hold spaces), from the session's tag list.</summary>
    public sealed class TagCompleter : IArgumentCompleter
    {
        internal const string Key = "tags";

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionCache.Complete(Key, wordToComplete, fakeBoundParameters, async (api, org, context) =>
                (IReadOnlyList<CompletionCache.Candidate>)(await api.Api.AllTagsAsync(org, context).ConfigureAwait(false))
                    .OrderBy(t => t.Title, System.StringComparer.OrdinalIgnoreCase)
                    .Select(t => new CompletionCache.Candidate(t.Title, $"{t.Title} ({t.Id})"))
                    .ToList());
    }
}
