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
    public sealed class RestoreTallyfyTaskCommand : TaskBulkCmdlet<RestoreOutcome>
    {
        private static readonly BulkAction Restore = new BulkAction(InputKind.Task, RecordKind.Task, "Restore", "Restoring Tallyfy tasks", irreversible: false);

        internal override BulkAction Action => Restore;

        // An id alone does not say whether the task is one-off: read it first (the read also tells NotArchived).
        internal override bool NeedsRead(WorkItem item) => item.Known.State == KnownState.Unknown;

        internal override ErrorRecord? Refuse(WorkItem item) =>
            item.RunId is null ? null : Errors.TaskBelongsToRun(item.Id, item.Name, item.RunId, "restores", item.Target);

        internal override async Task<RestoreOutcome> SendAsync(WorkItem item, RequestCounter requests) =>
            Resumed.Restore(item, await Ops.OneOffTasks.RestoreAsync(Organization, item.Id, item.Known, requests, item.Note).ConfigureAwait(false));

        internal override TallyfyOperationResult ToResult(WorkItem item, RestoreOutcome outcome) => new TallyfyTaskRestoreResult
        {
            TaskId = item.Id,
            Title = outcome.Name ?? item.Name,
            Status = outcome.Status,
        };
    }
}
