using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Tab completion of folder names (quoted where they hold spaces): folders of runs; for Get-TallyfyFolder and New-TallyfyFolder those of its -Type; for Rename-TallyfyFolder and Remove-TallyfyFolder all.</summary>
    public sealed class FolderNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string? type = commandName switch
            {
                _ when string.Equals(commandName, "Get-TallyfyFolder", System.StringComparison.OrdinalIgnoreCase) ||
                       string.Equals(commandName, "New-TallyfyFolder", System.StringComparison.OrdinalIgnoreCase)
                    => FolderArguments.ApiType(fakeBoundParameters?["Type"] as string ?? fakeBoundParameters?["FolderType"] as string),
                _ when string.Equals(commandName, "Rename-TallyfyFolder", System.StringComparison.OrdinalIgnoreCase) ||
                       string.Equals(commandName, "Remove-TallyfyFolder", System.StringComparison.OrdinalIgnoreCase) => null,
                _ => Client.TallyfyApi.RunFolderType,
            };
            return CompletionCache.Complete("folders:" + (type ?? "all"), wordToComplete, fakeBoundParameters, async (api, org, context) =>
                (IReadOnlyList<CompletionCache.Candidate>)(await api.Api.FoldersAsync(org, type, context).ConfigureAwait(false))
                    .OrderBy(f => f.Path, System.StringComparer.OrdinalIgnoreCase)
                    .Select(f => new CompletionCache.Candidate(f.Name, $"{f.Path} ({f.FolderType} folder {f.Id})", f.Path))
                    .ToList());
        }
    }
}
