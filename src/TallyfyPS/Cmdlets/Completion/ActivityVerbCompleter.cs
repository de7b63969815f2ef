using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Tab completion of the activity feed's verbs (the feed may use others; -Verb takes any word).</summary>
    public sealed class ActivityVerbCompleter : IArgumentCompleter
    {
        private static readonly string[] Verbs =
        {
            "archived", "commented", "completed", "created", "deleted", "re-opened", "tagged", "unarchived", "uncompleted", "untagged", "updated",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"', ' ');
            return Verbs.Where(v => v.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
        }
    }
}
