using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Gets the organization's folders of runs (the default), of templates, or both (-Type All: two listings, as Tallyfy
    /// lists one type at a time), each with its path (Parent/Child) and its type.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyFolder", HelpUri = HelpLinks.Base + "Get-TallyfyFolder.md")]
    [OutputType(typeof(TallyfyFolder))]
    public sealed class GetTallyfyFolderCommand : SessionCmdlet
    {
        /// <summary>Only folders whose name or path matches (wildcards allowed).</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Folders of runs (Run, the default), of templates (Template; Blueprint and Checklist are taken too), or both (All).</summary>
        [Parameter]
        [ValidateSet(FolderArguments.Run, FolderArguments.Template, FolderArguments.All, "Blueprint", "Checklist", IgnoreCase = true)]
        [Alias("FolderType")]
        public string Type { get; set; } = FolderArguments.Run;

        protected override void ProcessRecord() => Guarded(() =>
        {
            string org = Organization;
            TallyfyApi api = Api;
            string? type = FolderArguments.ApiType(Type);
            IReadOnlyList<TallyfyFolder> folders;
            try
            {
                folders = Run(context => api.FoldersAsync(org, type, context));
            }
            catch (TallyfyApiException ex)
            {
                WriteError(Errors.ListFailed(ex, Noun.Folder));
                return;
            }

            var name = new WildcardFilter("-Name", Name);
            foreach (TallyfyFolder folder in folders.Where(f => type is null || string.Equals(f.FolderType, type, StringComparison.OrdinalIgnoreCase)))
            {
                if (name.Matches(folder.Name, folder.Path))
                {
                    WriteObject(folder);
                }
            }

            foreach (string value in name.Unmatched())
            {
                WriteError(Errors.NoMatch(Noun.Folder, "-Name", value, org));
            }
        });

        protected override void EndProcessing() => Completed();
    }
}
