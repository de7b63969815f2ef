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
    /// <summary>Reactivates archived Tallyfy runs, with their tasks, comments and attachments.</summary>
    [Cmdlet(VerbsData.Restore, "TallyfyRun", HelpUri = HelpLinks.Base + "Restore-TallyfyRun.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunRestoreResult))]
    public sealed class RestoreTallyfyRunCommand : RunInputCmdlet
    {
        private static readonly BulkAction Restore = new BulkAction(Noun.Run.Input, RecordKind.Run, "Restore", "Restoring Tallyfy runs", irreversible: false);

        private BulkPipeline<NoState, RestoreOutcome>? _bulk;

        /// <summary>
        /// A file that records each item's outcome the moment it is known. Run the same command again with the same
        /// journal (after a crash, a restart, Ctrl+C) and items already settled get their recorded result, with nothing
        /// sent for them.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Journal { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _bulk = new BulkPipeline<NoState, RestoreOutcome>(this, Organization, CurrentSession.User, Restore, new Restoring(this), ThrottleLimit, Journal);
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing() => _bulk!.Finish();

        private sealed class Restoring : IBulkOperation<NoState, RestoreOutcome>
        {
            private readonly RestoreTallyfyRunCommand _cmdlet;

            public Restoring(RestoreTallyfyRunCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            private string Organization => _cmdlet.Organization;

            public IEnumerable<WorkItem<NoState>> Read(InputReader input) => _cmdlet.Input(input).Select(item => new WorkItem<NoState>(item, default));

            // Nothing is read first but a prompt's need of the run's name (the pipeline reads it).
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<NoState> item, bool nameWanted) => null;

            public Verdict<RestoreOutcome> Decide(WorkItem<NoState> item) => Verdict<RestoreOutcome>.Go;

            // A run known to be archived (a result of Remove-TallyfyRun, an archived run object) is restored with one
            // request; a bare id is read first, to tell a live run (NotArchived) apart.
            public async Task<RestoreOutcome> SendAsync(WorkItem<NoState> item, RequestCounter requests) =>
                Resumed.Restore(item, await Ops.Runs.RestoreAsync(Organization, item.Id, item.Known, requests, item.Note).ConfigureAwait(false));

            public object? Output(WorkItem<NoState> item, RestoreOutcome? outcome) => outcome is null ? null : new TallyfyRunRestoreResult
            {
                RunId = item.Id,
                Name = outcome.Name ?? item.Name,
                Status = outcome.Status,
            };
        }
    }
}
