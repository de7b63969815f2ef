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
    /// <summary>Tab completion of guests' emails.</summary>
    public sealed class GuestEmailCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionCache.Complete("guests", wordToComplete, fakeBoundParameters, async (api, org, context) =>
                (IReadOnlyList<CompletionCache.Candidate>)(await api.Api.ListGuests(org, null).AllAsync(context).ConfigureAwait(false))
                    .Where(g => g.Email.Length > 0)
                    .Select(g => new CompletionCache.Candidate(g.Email, string.IsNullOrEmpty(g.CompanyName) ? g.Name : $"{g.Name} ({g.CompanyName})", g.Name))
                    .OrderBy(c => c.Value, System.StringComparer.OrdinalIgnoreCase)
                    .ToList());
    }
}
