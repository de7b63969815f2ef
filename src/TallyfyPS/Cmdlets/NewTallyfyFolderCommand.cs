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
    /// Creates folders of runs or of templates, at the top or inside -Parent (by id, path or name). A folder of the same
    /// name where the new one would go is refused (FolderNameTaken) before anything is sent, so folders named by path
    /// never become ambiguous. Writes each new folder, with its path.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "TallyfyFolder", HelpUri = HelpLinks.Base + "New-TallyfyFolder.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TallyfyFolder))]
    public sealed class NewTallyfyFolderCommand : SessionCmdlet
    {
        private List<TallyfyFolder>? _folders;
        private TallyfyFolder? _parent;

        /// <summary>The new folder's name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 200)]
        [TextArgument]
        public string Name { get; set; } = string.Empty;

        /// <summary>The folder to create it in (of the same type): its id, path or name. Default: at the top.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public string? Parent { get; set; }

        /// <summary>What the folder holds: Run (the default) or Template.</summary>
        [Parameter]
        [Alias("FolderType")]
        [ValidateSet(FolderArguments.Run, FolderArguments.Template, IgnoreCase = true)]
        public string Type { get; set; } = FolderArguments.Run;

        private string ApiType => FolderArguments.ApiType(Type)!;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            string org = Organization;
            TallyfyApi api = Api;
            string type = ApiType;
            try
            {
                _folders = Run(context => api.FoldersAsync(org, type, context)).ToList();
            }
            catch (TallyfyApiException ex)
            {
                ThrowTerminatingError(Errors.ListFailed(ex, Noun.Folder));
            }

            if (Parent != null)
            {
                _parent = FolderArguments.Find(_folders!, Parent, out IReadOnlyList<TallyfyFolder> several);
                if (_parent is null)
                {
                    ThrowTerminatingError(several.Count > 1 ? Errors.AmbiguousFolderName("-Parent", Parent, several, "Nothing was sent.")
                        : Errors.FolderNotFound("-Parent", Parent, org, FolderArguments.Kind(type), "Nothing was sent."));
                }
            }
        }

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (TextArguments.Problem(this, Name) is ErrorRecord badText)
            {
                WriteError(badText);
                return;
            }

            string name = Name.Trim();
            string? parentId = _parent?.Id;
            TallyfyFolder? existing = _folders!.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase) && string.Equals(f.ParentId, parentId, StringComparison.OrdinalIgnoreCase));
            if (existing != null)
            {
                WriteError(Errors.FolderNameTaken(name, existing, Name));
                return;
            }

            string path = _parent is null ? name : _parent.Path + "/" + name;
            if (!ShouldProcess($"'{path}' ({FolderArguments.Kind(ApiType)}) in organization {Organization}", "Create folder"))
            {
                return;
            }

            string org = Organization;
            string type = ApiType;
            TallyfyOperations ops = Ops;
            RequestCounter requests = Context.NewCounter();
            try
            {
                TallyfyFolder made = Run(_ => ops.CreateFolderAsync(org, name, parentId, type, requests));
                made.FolderType ??= type;
                made.Path = path;
                _folders!.Add(made);
                CompletionCache.Forget(CurrentSession, "folders:" + type);
                WriteObject(made);
            }
            catch (TallyfyApiException ex)
            {
                WriteError(Errors.CreateFailed(ex, Noun.Folder, name, Name, requests.Sent));
            }
        });

        protected override void EndProcessing() => Completed();
    }
}
