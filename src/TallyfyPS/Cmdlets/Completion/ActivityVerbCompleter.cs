using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Tab completion of the activity feed's verbs (<see cref="Client.ActivityVerbs"/>, the ones -Verb takes).</summary>
    public sealed class ActivityVerbCompleter : IArgumentCompleter
    {
        private static IReadOnlyList<string> Verbs => Client.ActivityVerbs.All;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"', ' ');
            return Verbs.Where(v => v.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
        }
    }
}
