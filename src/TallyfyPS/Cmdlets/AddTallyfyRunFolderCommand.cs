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
    /// Puts runs in a folder of runs. A run in the folder already ends AlreadyInFolder and nothing is sent for it (its
    /// folders come from the piped run when it was read with -Include Folders, else from one read). One result per run,
    /// in input order; piping the results to Remove-TallyfyRunFolder undoes it.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "TallyfyRunFolder", HelpUri = HelpLinks.Base + "Add-TallyfyRunFolder.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunFolderResult))]
    public sealed class AddTallyfyRunFolderCommand : RunFolderInputCmdlet
    {
        private static readonly BulkAction Filing = new BulkAction(Noun.RunToFile, null, "Put in a folder", "Putting Tallyfy runs in a folder", irreversible: false);

        private BulkPipeline<TallyfyList<TallyfyFolder>?, RunFolderOutcome>? _bulk;
        private RunFolders? _folders;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // A journal of one folder: the same file with another folder is refused (JournalMismatch), not replayed.
            _bulk = new BulkPipeline<TallyfyList<TallyfyFolder>?, RunFolderOutcome>(this, Organization, CurrentSession.User, Filing, new Adding(this), ThrottleLimit, Journal,
                () => $"File {_folders!.TheFolder.Id}");
            _folders = new RunFolders(RunFolders.Resolve(this, Api, Organization, Folder!));
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Filing one run (the item's state: its folders, once read).</summary>
        private sealed class Adding : IBulkOperation<TallyfyList<TallyfyFolder>?, RunFolderOutcome>
        {
            private readonly AddTallyfyRunFolderCommand _cmdlet;

            public Adding(AddTallyfyRunFolderCommand cmdlet) => _cmdlet = cmdlet;

            private RunFolders Folders => _cmdlet._folders!;

            private TallyfyFolder TheFolder => Folders.TheFolder;

            public IEnumerable<WorkItem<TallyfyList<TallyfyFolder>?>> Read(InputReader input) => RunFolders.Items(_cmdlet.Input(input));

            // The run's folders are read unless the input says them.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<TallyfyList<TallyfyFolder>?> item, bool nameWanted) =>
                Folders.FoldersOf(item) is null || nameWanted ? RunFolders.Read(_cmdlet.Api, _cmdlet.Organization, item) : null;

            public Verdict<RunFolderOutcome> Decide(WorkItem<TallyfyList<TallyfyFolder>?> item)
            {
                if (Folders.OnRun(item) is TallyfyFolder has)
                {
                    return Verdict<RunFolderOutcome>.Settle(RunFolders.Unchanged(item, TallyfyRunFolderStatus.AlreadyInFolder, $"The run is in the folder '{TheFolder.Path}' already; nothing was sent.", has.FolderObjectId));
                }

                return Folders.Claim(item) ? Verdict<RunFolderOutcome>.Go
                    : Verdict<RunFolderOutcome>.Settle(RunFolders.Unchanged(item, TallyfyRunFolderStatus.AlreadyInFolder, $"An earlier input of this command puts this run in '{TheFolder.Path}'; nothing more was sent."));
            }

            public async Task<RunFolderOutcome> SendAsync(WorkItem<TallyfyList<TallyfyFolder>?> item, RequestCounter requests)
            {
                RunFolderOutcome outcome = await _cmdlet.Ops.FileRunAsync(_cmdlet.Organization, item.Id, TheFolder, requests).ConfigureAwait(false);
                outcome.Name ??= item.Name;
                return outcome;
            }

            public object? Output(WorkItem<TallyfyList<TallyfyFolder>?> item, RunFolderOutcome? outcome) => Folders.Result(item, outcome);
        }
    }
}
