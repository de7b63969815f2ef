using System;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Reopens completed Tallyfy tasks (of runs and one-off). The results of Complete-TallyfyTask pipe in to undo it:
    /// what it completed is reopened, and what was completed before it (AlreadyCompleted) is left as it is. A task that
    /// is not completed is reported AlreadyOpen and nothing is sent.
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "TallyfyTaskCompletion", HelpUri = HelpLinks.Base + "Undo-TallyfyTaskCompletion.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [Alias("Reopen-TallyfyTask")]
    [OutputType(typeof(TallyfyTaskCompletionResult))]
    public sealed class UndoTallyfyTaskCompletionCommand : WorkTaskBulkCmdlet<TaskWorkOutcome>
    {
        private static readonly BulkAction Reopen = new BulkAction(InputKind.WorkTask, null, "Reopen", "Reopening Tallyfy tasks", irreversible: false);

        internal override BulkAction Action => Reopen;

        // A task object says whether it is completed; so does a result of Complete-TallyfyTask. Anything else is read.
        // A task an interrupted call of the journal had sent a reopening for is read again, whatever the input says.
        internal override bool NeedsRead(WorkItem item) => (!(item.Data is TallyfyTask) && KnownFromResult(item) is null) || item.Interrupted.Count > 0;

        internal override async Task<RecordState> ReadAsync(WorkItem item, string organizationId, RequestCounter requests)
        {
            TallyfyTask task = await Ops.GetTaskAsync(organizationId, item.Id, item.RunId, TaskInclude.None, requests).ConfigureAwait(false);
            item.Data = task;
            return new RecordState(task.IsArchived ? KnownState.Archived : KnownState.Live, task.Title, task.ArchivedAt?.Value, task.RunId);
        }

        internal override TaskWorkOutcome? Settle(WorkItem item)
        {
            bool? completed = item.Data is TallyfyTask task ? CompleteTallyfyTaskCommand.IsCompleted(task) : KnownFromResult(item);
            if (completed == false && item.WasRead && item.WasInterruptedAt(ChangeSteps.Reopening))
            {
                return new TaskWorkOutcome
                {
                    Name = (item.Data as TallyfyTask)?.Title ?? item.Name,
                    Status = TallyfyTaskCompletionStatus.Reopened,
                    Message = "Reopened by the earlier call this journal records, which was interrupted before it wrote the result; nothing was sent again.",
                };
            }

            if (item.Target is TallyfyTaskCompletionResult done && done.Status == TallyfyTaskCompletionStatus.AlreadyCompleted)
            {
                return new TaskWorkOutcome
                {
                    Name = done.Title,
                    Status = TallyfyTaskCompletionStatus.AlreadyCompleted,
                    Message = "Complete-TallyfyTask did not complete this task (it was completed before), so undoing it leaves it completed; nothing was sent. To reopen it, pass the task (Get-TallyfyTask -Id " + done.TaskId + ").",
                };
            }

            if (completed == false)
            {
                return new TaskWorkOutcome
                {
                    Name = (item.Data as TallyfyTask)?.Title ?? item.Name,
                    Status = TallyfyTaskCompletionStatus.AlreadyOpen,
                    Message = "It is not completed; nothing was sent.",
                };
            }

            return null;
        }

        internal override Task<TaskWorkOutcome> SendAsync(WorkItem item, RequestCounter requests)
        {
            var task = item.Data as TallyfyTask;
            return UnlessLockedAsync(item, task, () =>
            {
                item.Note(ChangeSteps.Reopening);
                return Ops.ReopenTaskAsync(Organization, item.Id, task?.RunId ?? item.RunId, task?.Title ?? item.Name, requests);
            });
        }

        // Refused only when it would be sent (a task not completed is AlreadyOpen, whatever its run).
        internal override ErrorRecord? Refuse(WorkItem item) => Settle(item) is null ? LockedRefusal(item, item.Data as TallyfyTask) : null;

        internal override ErrorRecord? ErrorFor(WorkItem item, TaskWorkOutcome outcome, TallyfyApiException error) => LockedError(item, item.Data as TallyfyTask, outcome, error);

        internal override TallyfyOperationResult ToResult(WorkItem item, TaskWorkOutcome outcome)
        {
            var task = item.Data as TallyfyTask;
            var done = item.Target as TallyfyTaskCompletionResult;
            return new TallyfyTaskCompletionResult
            {
                TaskId = item.Id,
                RunId = task?.RunId ?? item.RunId,
                Title = outcome.Name ?? task?.Title ?? item.Name,
                TaskType = task?.TaskType ?? done?.TaskType,
                Action = TallyfyTaskAction.Reopen,
                Status = outcome.Status,
            };
        }

        /// <summary>What a result of Complete-TallyfyTask (or of this cmdlet) says: completed (true), open (false), or nothing (null).</summary>
        private static bool? KnownFromResult(WorkItem item)
        {
            if (!(item.Target is TallyfyTaskCompletionResult done))
            {
                return null;
            }

            switch (done.Status)
            {
                case TallyfyTaskCompletionStatus.Completed:
                case TallyfyTaskCompletionStatus.Approved:
                case TallyfyTaskCompletionStatus.Rejected:
                case TallyfyTaskCompletionStatus.AlreadyCompleted:
                    return true;
                case TallyfyTaskCompletionStatus.Reopened:
                case TallyfyTaskCompletionStatus.AlreadyOpen:
                    return false;
                default:
                    return null;
            }
        }
    }
}
