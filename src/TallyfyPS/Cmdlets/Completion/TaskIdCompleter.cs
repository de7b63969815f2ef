using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Tab completion of one-off task ids, like <see cref="RunIdCompleter"/>; archived tasks for Restore-TallyfyTask.</summary>
    public sealed class TaskIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            IdCompletion.Complete(RecordKind.Task, commandName, wordToComplete, fakeBoundParameters);
    }
}
