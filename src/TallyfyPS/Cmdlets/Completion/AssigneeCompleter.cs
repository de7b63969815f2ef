using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Tab completion of people one assigns: members' emails, guests' emails and groups' names (quoted where they hold a space).</summary>
    public sealed class AssigneeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionCache.Complete("assignees", wordToComplete, fakeBoundParameters, async (ops, org, context) =>
            {
                var people = ops.People(org);
                var candidates = new List<CompletionCache.Candidate>();
                candidates.AddRange((await people.MembersAsync(context).ConfigureAwait(false))
                    .Where(u => !string.IsNullOrEmpty(u.Email) && !string.Equals(u.Status, "disabled", System.StringComparison.OrdinalIgnoreCase))
                    .OrderBy(u => u.Email, System.StringComparer.OrdinalIgnoreCase)
                    .Select(u => new CompletionCache.Candidate(u.Email!, $"{u.Name} (member, user {u.Id})", u.Name, u.Username)));
                candidates.AddRange((await people.GuestsAsync(context).ConfigureAwait(false))
                    .Where(g => g.Email.Length > 0)
                    .OrderBy(g => g.Email, System.StringComparer.OrdinalIgnoreCase)
                    .Select(g => new CompletionCache.Candidate(g.Email, $"{g.Name} (guest)", g.Name)));
                candidates.AddRange((await people.GroupsAsync(context).ConfigureAwait(false))
                    .Where(g => !string.IsNullOrEmpty(g.Name))
                    .OrderBy(g => g.Name, System.StringComparer.OrdinalIgnoreCase)
                    .Select(g => new CompletionCache.Candidate(g.Name!, $"group {g.Id}", g.Name)));
                return (IReadOnlyList<CompletionCache.Candidate>)candidates;
            });
    }
}
