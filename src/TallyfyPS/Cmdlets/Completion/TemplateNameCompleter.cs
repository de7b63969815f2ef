using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Tab completion of template titles (quoted where needed), for Get-TallyfyTemplate -Name.</summary>
    public sealed class TemplateNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            TemplateCompletion.Complete(wordToComplete, fakeBoundParameters, titles: true);
    }
}
