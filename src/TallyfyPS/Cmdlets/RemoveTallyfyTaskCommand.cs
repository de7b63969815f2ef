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
    public sealed class RemoveTallyfyTaskCommand : TaskBulkCmdlet<RemovalOutcome>
    {
        private static readonly BulkAction Archive = new BulkAction(InputKind.Task, RecordKind.Task, "Archive", "Archiving Tallyfy tasks", irreversible: false);
        private static readonly BulkAction Delete = new BulkAction(InputKind.Task, RecordKind.Task, "Permanently delete", "Permanently deleting Tallyfy tasks", irreversible: true);

        /// <summary>Delete permanently instead of archiving. Irreversible; prompts unless -Force or -Confirm:$false.</summary>
        [Parameter]
        public SwitchParameter Permanent { get; set; }

        internal override BulkAction Action => Permanent ? Delete : Archive;

        internal override string? ForbiddenAdvice => Permanent ? "Permanent deletion needs a Tallyfy administrator: use an administrator's token." : null;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Permanent)
            {
                Administrators.Require(this, CurrentSession, Organization);
            }
        }

        // An id alone does not say whether the task is one-off: read it first. A task object says.
        internal override bool NeedsRead(WorkItem item) => item.Known.State == KnownState.Unknown;

        internal override ErrorRecord? Refuse(WorkItem item) =>
            item.RunId is null ? null : Errors.TaskBelongsToRun(item.Id, item.Name, item.RunId, "archives and deletes", item.Target);

        internal override Task<RemovalOutcome> SendAsync(WorkItem item, RequestCounter requests)
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

        internal override TallyfyOperationResult ToResult(WorkItem item, RemovalOutcome outcome) => new TallyfyTaskRemovalResult
        {
            TaskId = item.Id,
            Title = outcome.Name ?? item.Name,
            Action = Permanent ? TallyfyAction.Delete : TallyfyAction.Archive,
            Status = outcome.Status,
        };
    }
}
