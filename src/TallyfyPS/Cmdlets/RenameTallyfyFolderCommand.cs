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
    /// Renames a folder of runs or of templates, named by id, path or name (or piped from Get-TallyfyFolder). A folder of
    /// the new name beside it is refused (FolderNameTaken) before anything is sent. Writes the renamed folder.
    /// </summary>
    [Cmdlet(VerbsCommon.Rename, "TallyfyFolder", HelpUri = HelpLinks.Base + "Rename-TallyfyFolder.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TallyfyFolder))]
    public sealed class RenameTallyfyFolderCommand : SessionCmdlet
    {
        private List<TallyfyFolder>? _folders;

        /// <summary>The folder: its id, its path (Finance/Archive 2024), its name, or a folder from Get-TallyfyFolder.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Id", "FolderId")]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public object? Folder { get; set; }

        /// <summary>The new name.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 200)]
        [TextArgument]
        public string NewName { get; set; } = string.Empty;

        /// <summary>Where to look for a folder named by name or path: Run, Template, or All (the default).</summary>
        [Parameter]
        [Alias("FolderType")]
        [ValidateSet(FolderArguments.Run, FolderArguments.Template, FolderArguments.All, IgnoreCase = true)]
        public string Type { get; set; } = FolderArguments.All;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            string org = Organization;
            TallyfyApi api = Api;
            string? type = FolderArguments.ApiType(Type);
            try
            {
                _folders = Run(context => api.FoldersAsync(org, type, context)).ToList();
            }
            catch (TallyfyApiException ex)
            {
                ThrowTerminatingError(Errors.ListFailed(ex, Noun.Folder));
            }
        }

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (TextArguments.Problem(this, NewName) is ErrorRecord badText)
            {
                ThrowTerminatingError(badText);
            }

            object plain = Folder is PSObject ps ? ps.BaseObject : Folder!;
            string value = plain is TallyfyFolder given ? given.Id : Convert.ToString(plain, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            TallyfyFolder? folder = FolderArguments.Find(_folders!, value, out IReadOnlyList<TallyfyFolder> several);
            if (folder is null)
            {
                WriteError(several.Count > 1 ? Errors.AmbiguousFolderName("-Folder", value, several, "Nothing was sent.")
                    : Errors.FolderNotFound("-Folder", value, Organization, FolderArguments.Kind(FolderArguments.ApiType(Type)), "Nothing was sent."));
                return;
            }

            string name = NewName.Trim();
            if (string.Equals(folder.Name, name, StringComparison.Ordinal))
            {
                WriteVerbose($"Folder '{folder.Path}' is named '{name}' already; nothing was sent.");
                WriteObject(folder);
                return;
            }

            TallyfyFolder? taken = _folders!.FirstOrDefault(f => f != folder && string.Equals(f.FolderType, folder.FolderType, StringComparison.OrdinalIgnoreCase) &&
                string.Equals(f.ParentId, folder.ParentId, StringComparison.OrdinalIgnoreCase) && string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
            if (taken != null)
            {
                WriteError(Errors.FolderNameTaken(name, taken, Folder));
                return;
            }

            if (!ShouldProcess($"'{folder.Path}' ({FolderArguments.Kind(folder.FolderType)} {folder.Id})", $"Rename to '{name}'"))
            {
                return;
            }

            string org = Organization;
            TallyfyOperations ops = Ops;
            RequestCounter requests = Context.NewCounter();
            try
            {
                TallyfyFolder renamed = Run(_ => ops.UpdateFolderAsync(org, folder.Id, name, false, null, requests));
                renamed.FolderType ??= folder.FolderType;
                string oldPath = folder.Path;
                int cut = oldPath.LastIndexOf('/');
                renamed.Path = cut < 0 ? renamed.Name : oldPath.Substring(0, cut + 1) + renamed.Name;
                folder.Name = renamed.Name;
                folder.Path = renamed.Path;
                CompletionCache.Forget(CurrentSession, "folders:" + (folder.FolderType ?? "run"));
                CompletionCache.Forget(CurrentSession, "folders:all");
                WriteObject(renamed);
            }
            catch (TallyfyApiException ex)
            {
                WriteError(Errors.FromApi(ex, Noun.Folder, folder.Id, folder.Path, Folder, requests.Sent));
            }
        });

        protected override void EndProcessing() => Completed();
    }
}
