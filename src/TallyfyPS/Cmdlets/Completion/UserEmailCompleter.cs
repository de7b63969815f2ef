using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Tab completion of members' emails (typed by the start of the email or a part of the name), from the session's list of members.</summary>
    public sealed class UserEmailCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionCache.Complete("users", wordToComplete, fakeBoundParameters, async (api, org, context) =>
                (IReadOnlyList<CompletionCache.Candidate>)(await api.People(org).MembersAsync(context).ConfigureAwait(false))
                    .Where(u => !string.IsNullOrEmpty(u.Email))
                    .OrderBy(u => u.Email, System.StringComparer.OrdinalIgnoreCase)
                    .Select(u => new CompletionCache.Candidate(u.Email!, $"{u.Name} ({u.Role}, {u.Status}, user {u.Id})", u.Name, u.Username))
                    .ToList());
    }
}
