using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Archives one-off Tallyfy tasks, or with -Permanent deletes them for good. A task of a run is
    /// refused before any request: it goes only with its run.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyTaskRemovalResult))]
    public sealed class RemoveTallyfyTaskCommand : TaskBulkCmdlet
    {

        /// <summary>Delete permanently instead of archiving. Irreversible; prompts unless -Force or -Confirm:$false.</summary>
        [Parameter]
        public SwitchParameter Permanent { get; set; }

        internal override string ActionText => Permanent ? "Permanently delete" : "Archive";
        internal override string ProgressText => Permanent ? "Permanently deleting Tallyfy tasks" : "Archiving Tallyfy tasks";
        internal override bool HighImpact => Permanent;

        internal override IEnumerable<WorkItem> ReadInput(string organizationId) =>
            ParameterSetName == ObjectSet ? Refuse(InputReader.FromTasks(InputObject, organizationId)) : InputReader.FromIds(Id, Noun);

        // A task object that says it belongs to a run is refused without a request.
        private static IEnumerable<WorkItem> Refuse(IEnumerable<WorkItem> items)
        {
            foreach (WorkItem item in items)
            {
                if (item.Refusal is null && item.RunId != null)
                {
                    item.Refusal = BelongsToRun(item.Id, item.Name, item.RunId, item.Target);
                }

                yield return item;
            }
        }

        // An id alone does not say whether the task is one-off: read it first.
        internal override bool AlwaysResolve(WorkItem item) => !item.FromObject;

        internal override ErrorRecord? CheckResolved(WorkItem item, Probe probe) =>
            string.IsNullOrEmpty(probe.RunId) ? null : BelongsToRun(item.Id, probe.Name, probe.RunId!, item.Target);

        internal static ErrorRecord BelongsToRun(string id, string? title, string runId, object? target)
        {
            string what = title is null ? $"Task {id}" : $"Task '{title}' ({id})";
            string message = $"{what} belongs to run {runId}. Tallyfy archives and deletes a run's tasks only with their run; nothing was sent.";
            return new ErrorRecord(new InvalidOperationException(message), "TaskBelongsToRun", ErrorCategory.InvalidOperation, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = $"Remove the run instead: Remove-TallyfyRun -Id {runId}" },
            };
        }

        internal override Task<Outcome> ExecuteAsync(WorkItem item, string organizationId, CancellationToken cancellationToken)
        {
            var lifecycle = new Lifecycle(Api, ResourceKind.Task);
            if (!Permanent)
            {
                if (item.KnownArchived == true && item.Probe?.Exists == true)
                {
                    return Task.FromResult(new Outcome
                    {
                        Action = TallyfyAction.Archive,
                        RemovalStatus = TallyfyRemovalStatus.AlreadyArchived,
                        Name = item.Name,
                        HttpStatus = 200,
                        Attempts = 0,
                        Message = "The task was already archived; nothing was sent.",
                    });
                }

                return lifecycle.ArchiveAsync(organizationId, item.Id, item.Probe?.Exists == true, cancellationToken);
            }

            return lifecycle.DeleteAsync(organizationId, item.Id, item.KnownArchived, cancellationToken);
        }

        internal override (object Result, string Status) MakeResult(WorkItem item, Outcome outcome, string organizationId)
        {
            var result = new TallyfyTaskRemovalResult
            {
                TaskId = item.Id,
                Title = outcome.Name ?? item.Name,
                Action = Permanent ? TallyfyAction.Delete : TallyfyAction.Archive,
                Status = outcome.RemovalStatus,
            };
            return (WithOutcome(result, outcome, organizationId), result.Status.ToString());
        }
    }

    /// <summary>Restores archived one-off Tallyfy tasks.</summary>
    [Cmdlet(VerbsData.Restore, "TallyfyTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyTaskRestoreResult))]
    public sealed class RestoreTallyfyTaskCommand : TaskBulkCmdlet
    {

        internal override string ActionText => "Restore";
        internal override string ProgressText => "Restoring Tallyfy tasks";

        internal override Task<Outcome> ExecuteAsync(WorkItem item, string organizationId, CancellationToken cancellationToken) =>
            new Lifecycle(Api, ResourceKind.Task).RestoreAsync(organizationId, item.Id, item.Probe, cancellationToken);

        internal override (object Result, string Status) MakeResult(WorkItem item, Outcome outcome, string organizationId)
        {
            var result = new TallyfyTaskRestoreResult
            {
                TaskId = item.Id,
                Title = outcome.Name ?? item.Name,
                Status = outcome.RestoreStatus,
            };
            return (WithOutcome(result, outcome, organizationId), result.Status.ToString());
        }
    }
}
