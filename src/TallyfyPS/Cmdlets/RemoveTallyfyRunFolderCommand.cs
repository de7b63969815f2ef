using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Takes runs out of a folder of runs. A run not in the folder ends NotInFolder and nothing is sent for it. The folder
    /// itself stays (Remove-TallyfyFolder deletes it). One result per run, in input order; piping the results of
    /// Add-TallyfyRunFolder undoes it.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyRunFolder", HelpUri = HelpLinks.Base + "Remove-TallyfyRunFolder.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunFolderResult))]
    public sealed class RemoveTallyfyRunFolderCommand : RunFolderInputCmdlet
    {
        private static readonly BulkAction Filing = new BulkAction(Noun.RunToFile, null, "Take out of a folder", "Taking Tallyfy runs out of a folder", irreversible: false);

        private BulkPipeline<TallyfyList<TallyfyFolder>?, RunFolderOutcome>? _bulk;
        private RunFolders? _folders;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // A journal of one folder: the same file with another folder is refused (JournalMismatch), not replayed.
            _bulk = new BulkPipeline<TallyfyList<TallyfyFolder>?, RunFolderOutcome>(this, Organization, CurrentSession.User, Filing, new Removing(this), ThrottleLimit, Journal,
                () => $"Unfile {_folders!.TheFolder.Id}");
            _folders = new RunFolders(RunFolders.Resolve(this, Api, Organization, Folder!));
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Taking one run out (the item's state: its folders, once read).</summary>
        private sealed class Removing : IBulkOperation<TallyfyList<TallyfyFolder>?, RunFolderOutcome>
        {
            private readonly RemoveTallyfyRunFolderCommand _cmdlet;

            public Removing(RemoveTallyfyRunFolderCommand cmdlet) => _cmdlet = cmdlet;

            private RunFolders Folders => _cmdlet._folders!;

            private TallyfyFolder TheFolder => Folders.TheFolder;

            public IEnumerable<WorkItem<TallyfyList<TallyfyFolder>?>> Read(InputReader input) => RunFolders.Items(_cmdlet.Input(input));

            // Taking out deletes the folder-object, whose id the run's folders may tell: read them unless the input holds it.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<TallyfyList<TallyfyFolder>?> item, bool nameWanted) =>
                Folders.FoldersOf(item) is null || nameWanted ? RunFolders.Read(_cmdlet.Api, _cmdlet.Organization, item) : null;

            public Verdict<RunFolderOutcome> Decide(WorkItem<TallyfyList<TallyfyFolder>?> item)
            {
                if (Folders.OnRun(item) is null)
                {
                    return Verdict<RunFolderOutcome>.Settle(RunFolders.Unchanged(item, TallyfyRunFolderStatus.NotInFolder, $"The run is not in the folder '{TheFolder.Path}'; nothing was sent."));
                }

                return Folders.Claim(item) ? Verdict<RunFolderOutcome>.Go
                    : Verdict<RunFolderOutcome>.Settle(RunFolders.Unchanged(item, TallyfyRunFolderStatus.NotInFolder, $"An earlier input of this command takes this run out of '{TheFolder.Path}'; nothing more was sent."));
            }

            public async Task<RunFolderOutcome> SendAsync(WorkItem<TallyfyList<TallyfyFolder>?> item, RequestCounter requests)
            {
                TallyfyFolder on = Folders.OnRun(item)!;
                // Without the folder-object's id (entries that are the folders alone), Operations learns it from the add-object answer.
                RunFolderOutcome outcome = await _cmdlet.Ops.UnfileRunAsync(_cmdlet.Organization, item.Id, TheFolder, on.FolderObjectId, requests).ConfigureAwait(false);
                outcome.Name ??= item.Name;
                return outcome;
            }

            public object? Output(WorkItem<TallyfyList<TallyfyFolder>?> item, RunFolderOutcome? outcome) => Folders.Result(item, outcome);
        }
    }
}
