using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Tab completion of template ids, matched by the start of the id or a word of the title (shown beside the id).</summary>
    public sealed class TemplateIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            TemplateCompletion.Complete(wordToComplete, fakeBoundParameters, titles: false);
    }
}
