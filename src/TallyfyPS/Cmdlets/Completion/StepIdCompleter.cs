using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Tab completion of the step ids of the template given with -TemplateId, matched by the start of the id or a word of the title.</summary>
    public sealed class StepIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string? template = Ids.Normalize(fakeBoundParameters?["TemplateId"] as string);
            if (template is null)
            {
                return new CompletionResult[0];
            }

            return CompletionCache.Complete("steps:" + template, wordToComplete, fakeBoundParameters, async (ops, org, context) =>
                (IReadOnlyList<CompletionCache.Candidate>)(await ops.Api.GetTemplateAsync(org, template, TemplateInclude.Steps, context.NewCounter()).ConfigureAwait(false)).Steps
                    .Select(s => new CompletionCache.Candidate(s.Id, $"{s.Position}. {s.Title} ({s.Assignees})", s.Title))
                    .ToList());
        }
    }
}
