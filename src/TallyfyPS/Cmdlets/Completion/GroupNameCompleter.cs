using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Tab completion of groups' names.</summary>
    public sealed class GroupNameCompleter : IArgumentCompleter
    {
        /// <summary>The completion cache's key: forgotten when a group is created, changed or deleted.</summary>
        internal const string Key = "groups";

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionCache.Complete(Key, wordToComplete, fakeBoundParameters, async (api, org, context) =>
                (IReadOnlyList<CompletionCache.Candidate>)(await api.Api.ListGroups(org, null, withMembers: false).AllAsync(context).ConfigureAwait(false))
                    .Where(g => g.Name.Length > 0)
                    .Select(g => new CompletionCache.Candidate(g.Name, string.IsNullOrEmpty(g.Description) ? g.Name : $"{g.Name}: {g.Description}", g.Name))
                    .OrderBy(c => c.Value, System.StringComparer.OrdinalIgnoreCase)
                    .ToList());
    }
}
