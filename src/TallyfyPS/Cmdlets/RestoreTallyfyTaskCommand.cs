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
    /// Restores archived one-off Tallyfy tasks. A task of a run is refused before any request: it comes back
    /// only with its run (Restore-TallyfyRun).
    /// </summary>
    [Cmdlet(VerbsData.Restore, "TallyfyTask", HelpUri = HelpLinks.Base + "Restore-TallyfyTask.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyTaskRestoreResult))]
    public sealed class RestoreTallyfyTaskCommand : TaskInputCmdlet
    {
        private static readonly BulkAction Restore = new BulkAction(Noun.Task.Input, RecordKind.Task, "Restore", "Restoring Tallyfy tasks", irreversible: false);

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
            private readonly RestoreTallyfyTaskCommand _cmdlet;

            public Restoring(RestoreTallyfyTaskCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            private string Organization => _cmdlet.Organization;

            public IEnumerable<WorkItem<NoState>> Read(InputReader input) => _cmdlet.Input(input).Select(item => new WorkItem<NoState>(item, default));

            // An id alone does not say whether the task is one-off: read it first (the read also tells NotArchived).
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<NoState> item, bool nameWanted) =>
                item.Known.State == KnownState.Unknown || nameWanted ? requests => Ops.OneOffTasks.ReadAsync(Organization, item.Id, requests) : (Func<RequestCounter, Task<RecordState>>?)null;

            public Verdict<RestoreOutcome> Decide(WorkItem<NoState> item) => Verdict<RestoreOutcome>.RefuseIf(
                item.RunId is null ? null : Errors.TaskBelongsToRun(item.Id, item.Name, item.RunId, "restores", item.Target));

            public async Task<RestoreOutcome> SendAsync(WorkItem<NoState> item, RequestCounter requests) =>
                Resumed.Restore(item, await Ops.OneOffTasks.RestoreAsync(Organization, item.Id, item.Known, requests, item.Note).ConfigureAwait(false));

            public object? Output(WorkItem<NoState> item, RestoreOutcome? outcome) => outcome is null ? null : new TallyfyTaskRestoreResult
            {
                TaskId = item.Id,
                Title = outcome.Name ?? item.Name,
                Status = outcome.Status,
            };
        }
    }
}
