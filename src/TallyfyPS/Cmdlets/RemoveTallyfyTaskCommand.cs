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
    /// Archives one-off Tallyfy tasks, or with -Permanent deletes them for good. A task of a run is refused
    /// before any request: it goes only with its run.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyTask", HelpUri = HelpLinks.Base + "Remove-TallyfyTask.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyTaskRemovalResult))]
    public sealed class RemoveTallyfyTaskCommand : TaskInputCmdlet
    {
        private static readonly BulkAction Archive = new BulkAction(Noun.Task.Input, RecordKind.Task, "Archive", "Archiving Tallyfy tasks", irreversible: false);
        private static readonly BulkAction Delete = new BulkAction(Noun.Task.Input, RecordKind.Task, "Permanently delete", "Permanently deleting Tallyfy tasks", irreversible: true,
            forbiddenAdvice: "Permanent deletion needs a Tallyfy administrator: use an administrator's token.");

        private BulkPipeline<NoState, RemovalOutcome>? _bulk;

        /// <summary>Delete permanently instead of archiving. Irreversible; prompts unless -Force or -Confirm:$false.</summary>
        [Parameter]
        public SwitchParameter Permanent { get; set; }

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
            _bulk = new BulkPipeline<NoState, RemovalOutcome>(this, Organization, CurrentSession.User, Permanent ? Delete : Archive, new Removal(this), ThrottleLimit, Journal);
            if (Permanent)
            {
                Administrators.Require(this, CurrentSession, Organization);
            }
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing() => _bulk!.Finish();

        private sealed class Removal : IBulkOperation<NoState, RemovalOutcome>
        {
            private readonly RemoveTallyfyTaskCommand _cmdlet;

            public Removal(RemoveTallyfyTaskCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            private string Organization => _cmdlet.Organization;

            private bool Permanent => _cmdlet.Permanent;

            public IEnumerable<WorkItem<NoState>> Read(InputReader input) => _cmdlet.Input(input).Select(item => new WorkItem<NoState>(item, default));

            // An id alone does not say whether the task is one-off: read it first. A task object says.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<NoState> item, bool nameWanted) =>
                item.Known.State == KnownState.Unknown || nameWanted ? requests => Ops.OneOffTasks.ReadAsync(Organization, item.Id, requests) : (Func<RequestCounter, Task<RecordState>>?)null;

            public Verdict<RemovalOutcome> Decide(WorkItem<NoState> item) => Verdict<RemovalOutcome>.RefuseIf(
                item.RunId is null ? null : Errors.TaskBelongsToRun(item.Id, item.Name, item.RunId, "archives and deletes", item.Target));

            public Task<RemovalOutcome> SendAsync(WorkItem<NoState> item, RequestCounter requests)
            {
                if (!Permanent && item.WasRead && item.Known.State == KnownState.Archived)
                {
                    // Just read and already archived: nothing to send.
                    return Task.FromResult(new RemovalOutcome
                    {
                        Name = item.Name,
                        Status = TallyfyRemovalStatus.AlreadyArchived,
                        HttpStatus = 200,
                        Message = "The task was already archived; nothing was sent.",
                    });
                }

                return Send();

                async Task<RemovalOutcome> Send() => Resumed.Removal(item, await (Permanent
                    ? Ops.OneOffTasks.DeleteAsync(Organization, item.Id, item.Known, requests, item.Note)
                    : Ops.OneOffTasks.ArchiveAsync(Organization, item.Id, item.Known, requests, item.Note)).ConfigureAwait(false));
            }

            public object? Output(WorkItem<NoState> item, RemovalOutcome? outcome) => outcome is null ? null : new TallyfyTaskRemovalResult
            {
                TaskId = item.Id,
                Title = outcome.Name ?? item.Name,
                Action = Permanent ? TallyfyAction.Delete : TallyfyAction.Archive,
                Status = outcome.Status,
            };
        }
    }
}
