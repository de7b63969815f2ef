using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Deletes folders of runs or of templates (the runs and templates in them stay, outside the folder; its subfolders
    /// move up). Folders are named by id, path or name, or piped from Get-TallyfyFolder; the folders are listed once per
    /// call, so a folder that is not there ends NotFound with nothing sent. Prompts for each folder unless -Force or
    /// -Confirm:$false. One result per folder, in input order.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyFolder", HelpUri = HelpLinks.Base + "Remove-TallyfyFolder.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = IdSet)]
    [OutputType(typeof(TallyfyFolderRemovalResult))]
    public sealed class RemoveTallyfyFolderCommand : RecordInputCmdlet
    {
        private static readonly BulkAction Delete = new BulkAction(Noun.Folder.Input, null, "Delete", "Deleting Tallyfy folders", irreversible: true);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TallyfyFolder> _folders = new System.Collections.Concurrent.ConcurrentDictionary<string, TallyfyFolder>(StringComparer.OrdinalIgnoreCase);
        private readonly object _relistLock = new object();
        private Task? _relist;
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private BulkPipeline<NoState, RemovalOutcome>? _bulk;

        /// <summary>The folders: ids, paths (Finance/Archive 2024) or names.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("Id", "FolderId", "Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public string[]? Folder { get; set; }

        /// <summary>Where to look for folders named by name or path: Run, Template, or All (the default).</summary>
        [Parameter]
        [Alias("FolderType")]
        [ValidateSet(FolderArguments.Run, FolderArguments.Template, FolderArguments.All, IgnoreCase = true)]
        public string Type { get; set; } = FolderArguments.All;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _bulk = new BulkPipeline<NoState, RemovalOutcome>(this, Organization, CurrentSession.User, Delete, new Deletion(this), ThrottleLimit);
            string org = Organization;
            TallyfyApi api = Api;
            string? type = FolderArguments.ApiType(Type);
            try
            {
                foreach (TallyfyFolder folder in Run(context => api.FoldersAsync(org, type, context)))
                {
                    _folders[folder.Id] = folder;
                }
            }
            catch (TallyfyApiException ex)
            {
                ThrowTerminatingError(Errors.ListFailed(ex, Noun.Folder));
            }
        }

        protected override void ProcessRecord() => _bulk!.Take(ParameterSetName == IdSet ? Folder?.Length : ArgumentCount(null));

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Deleting one folder, looked up in the folder list read at the start.</summary>
        private sealed class Deletion : IBulkOperation<NoState, RemovalOutcome>
        {
            private readonly RemoveTallyfyFolderCommand _cmdlet;

            public Deletion(RemoveTallyfyFolderCommand cmdlet) => _cmdlet = cmdlet;

            private System.Collections.Concurrent.ConcurrentDictionary<string, TallyfyFolder> Folders => _cmdlet._folders;

            public IEnumerable<WorkItem<NoState>> Read(InputReader reader)
            {
                if (_cmdlet.ParameterSetName != IdSet)
                {
                    return _cmdlet.Input(reader, null).Select(item => new WorkItem<NoState>(item, default));
                }

                var all = Folders.Values.ToList();
                return (_cmdlet.Folder ?? Array.Empty<string>()).Select(value =>
                {
                    TallyfyFolder? folder = FolderArguments.Find(all, value, out IReadOnlyList<TallyfyFolder> several);
                    if (folder != null)
                    {
                        return new WorkItem<NoState>(folder.Id, value, default) { Known = new RecordState(KnownState.Live, folder.Path) };
                    }

                    return new WorkItem<NoState>(value, value, default)
                    {
                        Refusal = several.Count > 1 ? Errors.AmbiguousFolderName("-Folder", value, several, "Nothing was sent.")
                            : Errors.FolderNotFound("-Folder", value, _cmdlet.Organization, FolderArguments.Kind(FolderArguments.ApiType(_cmdlet.Type)), "Nothing was sent."),
                    };
                });
            }

            // Every folder is looked up in the list read at the start (its path names it in prompts and results); one the list
            // does not hold (made since, as by New-TallyfyFolder earlier in the pipeline) makes the call list the folders again, once.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<NoState> item, bool nameWanted) => async requests =>
            {
                if (!Folders.ContainsKey(item.Id))
                {
                    await Relist(requests).ConfigureAwait(false);
                }

                return Folders.TryGetValue(item.Id, out TallyfyFolder? folder) ? new RecordState(KnownState.Live, folder.Path) : new RecordState(KnownState.Unknown, item.Name);
            };

            private Task Relist(RequestCounter requests)
            {
                lock (_cmdlet._relistLock)
                {
                    return _cmdlet._relist ??= RelistAsync(requests.Context);
                }
            }

            private async Task RelistAsync(CallContext context)
            {
                foreach (TallyfyFolder folder in await _cmdlet.Api.FoldersAsync(_cmdlet.Organization, FolderArguments.ApiType(_cmdlet.Type), context).ConfigureAwait(false))
                {
                    Folders.TryAdd(folder.Id, folder);
                }
            }

            public Verdict<RemovalOutcome> Decide(WorkItem<NoState> item)
            {
                bool missing = !Folders.ContainsKey(item.Id);
                if (missing || !_cmdlet._claimed.Add(item.Id))
                {
                    var outcome = new RemovalOutcome { Name = item.Name };
                    outcome.Fail(new TallyfyApiException(TallyfyErrorKind.NotFound, missing
                        ? "The organization has no such folder (the folder list read at the start does not hold it); nothing was sent."
                        : "The folder was deleted by an earlier input of this command; nothing more was sent.", 404), 0);
                    return Verdict<RemovalOutcome>.Settle(outcome);
                }

                return Verdict<RemovalOutcome>.Go;
            }

            public Task<RemovalOutcome> SendAsync(WorkItem<NoState> item, RequestCounter requests) =>
                _cmdlet.Ops.DeleteFolderAsync(_cmdlet.Organization, Folders[item.Id], requests);

            public object? Output(WorkItem<NoState> item, RemovalOutcome? outcome)
            {
                if (outcome is null)
                {
                    return null;
                }

                Folders.TryGetValue(item.Id, out TallyfyFolder? folder);
                if (outcome.Status == TallyfyRemovalStatus.Deleted)
                {
                    CompletionCache.Forget(_cmdlet.CurrentSession, "folders:" + (folder?.FolderType ?? "run"));
                    CompletionCache.Forget(_cmdlet.CurrentSession, "folders:all");
                }

                return new TallyfyFolderRemovalResult
                {
                    FolderId = item.Id,
                    Name = folder?.Name,
                    Path = folder?.Path ?? item.Name,
                    Type = folder?.Type,
                    Status = outcome.Status,
                };
            }
        }
    }
}
