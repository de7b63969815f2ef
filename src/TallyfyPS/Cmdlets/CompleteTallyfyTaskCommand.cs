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
    /// Completes Tallyfy tasks (of runs and one-off), and approves or rejects approval tasks. A task that is completed
    /// already is reported AlreadyCompleted and nothing is sent: Tallyfy would complete it again and send its
    /// notifications a second time. One result per input, in input order.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Complete, "TallyfyTask", HelpUri = HelpLinks.Base + "Complete-TallyfyTask.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyTaskCompletionResult))]
    public sealed class CompleteTallyfyTaskCommand : WorkTaskBulkCmdlet<TaskWorkOutcome>
    {
        private static readonly BulkAction CompleteAction = new BulkAction(InputKind.WorkTask, null, "Complete", "Completing Tallyfy tasks", irreversible: false);
        private static readonly BulkAction ApproveAction = new BulkAction(InputKind.WorkTask, null, "Approve", "Approving Tallyfy tasks", irreversible: false);
        private static readonly BulkAction RejectAction = new BulkAction(InputKind.WorkTask, null, "Reject", "Rejecting Tallyfy tasks", irreversible: false);

        /// <summary>Approve approval tasks (only approval tasks are taken).</summary>
        [Parameter]
        public SwitchParameter Approve { get; set; }

        /// <summary>Reject approval tasks (only approval tasks are taken).</summary>
        [Parameter]
        public SwitchParameter Reject { get; set; }

        internal override BulkAction Action => Approve ? ApproveAction : Reject ? RejectAction : CompleteAction;

        // Open tasks of this call that were taken for completion (pipeline thread only): a repeat is refused, since its
        // completion would be sent beside the first one's and notify everyone twice.
        private readonly HashSet<string> _taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        private bool? Approval => Approve ? true : Reject ? false : (bool?)null;

        private string Switch => Approve ? "-Approve" : "-Reject";

        protected override void BeginProcessing()
        {
            if (Approve && Reject)
            {
                ThrowTerminatingError(Errors.ConflictingParameters("-Approve and -Reject were both given.", "Pass one of them: -Approve or -Reject."));
            }

            base.BeginProcessing();
        }

        // A task just read by Get-TallyfyTask says its status and type; anything else is read first: an id, a row, and a
        // task object read more than a few seconds ago or before this session completed or reopened it (completing it
        // again on its stale word would re-send its notifications). So is a task an interrupted call of the journal
        // had sent a completion for, whatever the input says.
        internal override bool NeedsRead(WorkItem item) =>
            !(item.Data is TallyfyTask task) || !Ops.TaskTrust.IsCurrent(task) || item.Interrupted.Count > 0;

        internal override async Task<RecordState> ReadAsync(WorkItem item, string organizationId, RequestCounter requests)
        {
            TallyfyTask task = await Ops.GetTaskAsync(organizationId, item.Id, item.RunId, TaskInclude.None, requests).ConfigureAwait(false);
            item.Data = task;
            return new RecordState(task.IsArchived ? KnownState.Archived : KnownState.Live, task.Title, task.ArchivedAt?.Value, task.RunId);
        }

        internal override ErrorRecord? Refuse(WorkItem item)
        {
            TallyfyTask task = TaskOf(item)!;
            if (_taken.Contains(item.Id))
            {
                // Whatever its read says: it may have been read before or after the first appearance's completion.
                return Errors.TaskRepeated(Subject(item, task.Title), Approve ? "approved" : Reject ? "rejected" : "completed", item.Target);
            }

            if (IsCompleted(task))
            {
                return null; // settled: AlreadyCompleted
            }

            if (LockedRefusal(item, task) is ErrorRecord locked)
            {
                return locked;
            }

            bool approval = string.Equals(task.TaskType, "approval", StringComparison.OrdinalIgnoreCase);
            if (approval && Approval is null)
            {
                return Errors.ApprovalRequired(Subject(item, task.Title), item.Target);
            }

            if (!approval && Approval != null)
            {
                return Errors.NotAnApproval(Subject(item, task.Title), task.TaskType, Switch, item.Target);
            }

            _taken.Add(item.Id);
            return null;
        }

        internal override TaskWorkOutcome? Settle(WorkItem item)
        {
            TallyfyTask task = TaskOf(item)!;
            if (!IsCompleted(task))
            {
                return null;
            }

            if (item.WasInterruptedAt(ChangeSteps.Completing))
            {
                // The journal's earlier call sent this completion and died before it wrote the result: that call did it.
                return new TaskWorkOutcome
                {
                    Name = task.Title,
                    Status = Approval is null ? TallyfyTaskCompletionStatus.Completed : Approval.Value ? TallyfyTaskCompletionStatus.Approved : TallyfyTaskCompletionStatus.Rejected,
                    CompletedAt = task.CompletedAt?.Value,
                    Message = "Completed by the earlier call this journal records, which was interrupted before it wrote the result; nothing was sent again.",
                };
            }

            return new TaskWorkOutcome
            {
                Name = task.Title,
                Status = TallyfyTaskCompletionStatus.AlreadyCompleted,
                CompletedAt = task.CompletedAt?.Value,
                Message = "It is completed already; nothing was sent (Tallyfy would complete it again and re-send its notifications).",
            };
        }

        internal override Task<TaskWorkOutcome> SendAsync(WorkItem item, RequestCounter requests)
        {
            TallyfyTask task = TaskOf(item)!;
            return UnlessLockedAsync(item, task, () =>
            {
                item.Note(ChangeSteps.Completing);
                return Ops.CompleteTaskAsync(Organization, task, Approval, requests);
            });
        }

        internal override TallyfyOperationResult ToResult(WorkItem item, TaskWorkOutcome outcome)
        {
            TallyfyTask? task = TaskOf(item);
            return new TallyfyTaskCompletionResult
            {
                TaskId = item.Id,
                RunId = task?.RunId ?? item.RunId,
                Title = outcome.Name ?? task?.Title ?? item.Name,
                TaskType = task?.TaskType,
                Action = Approve ? TallyfyTaskAction.Approve : Reject ? TallyfyTaskAction.Reject : TallyfyTaskAction.Complete,
                Status = outcome.Status,
                TaskCompletedAt = TallyfyTimestamp.From(outcome.CompletedAt),
            };
        }

        internal override ErrorRecord? ErrorFor(WorkItem item, TaskWorkOutcome outcome, TallyfyApiException error) => LockedError(item, TaskOf(item), outcome, error);

        internal static bool IsCompleted(TallyfyTask task) => string.Equals(task.Status, "completed", StringComparison.OrdinalIgnoreCase);
    }
}
