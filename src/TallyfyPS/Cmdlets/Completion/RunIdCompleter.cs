using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Tab completion of run ids: from the current session (or the -Session typed on the line), matching what was
    /// typed against the id's start or the run's name; archived runs for Restore-TallyfyRun.
    /// </summary>
    public sealed class RunIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            IdCompletion.Complete(RecordKind.Run, commandName, wordToComplete, fakeBoundParameters);
    }
}
