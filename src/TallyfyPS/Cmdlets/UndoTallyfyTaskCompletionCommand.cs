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
    /// Reopens completed Tallyfy tasks (of runs and one-off). The results of Complete-TallyfyTask pipe in to undo it:
    /// what it completed is reopened, and what was completed before it (AlreadyCompleted) is left as it is. A task that
    /// is not completed is reported AlreadyOpen and nothing is sent.
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "TallyfyTaskCompletion", HelpUri = HelpLinks.Base + "Undo-TallyfyTaskCompletion.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [Alias("Reopen-TallyfyTask")]
    [OutputType(typeof(TallyfyTaskCompletionResult))]
    public sealed class UndoTallyfyTaskCompletionCommand : WorkTaskInputCmdlet
    {
        private static readonly BulkAction Reopen = new BulkAction(Noun.TaskToWork, null, "Reopen", "Reopening Tallyfy tasks", irreversible: false);

        private BulkPipeline<TallyfyTask?, TaskWorkOutcome>? _bulk;

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
            _bulk = new BulkPipeline<TallyfyTask?, TaskWorkOutcome>(this, Organization, CurrentSession.User, Reopen, new Reopening(this), ThrottleLimit, Journal);
            CheckRunId();
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Reopening one task (the item's state: the task, as the input gave it or as read).</summary>
        private sealed class Reopening : IBulkOperation<TallyfyTask?, TaskWorkOutcome>
        {
            private readonly UndoTallyfyTaskCompletionCommand _cmdlet;

            public Reopening(UndoTallyfyTaskCompletionCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            // Runs locked by an open issue: refused before sending where the input says so, learnt from the first refusal.
            private readonly LockedRuns _locks = new LockedRuns();

            private string Organization => _cmdlet.Organization;

            public IEnumerable<WorkItem<TallyfyTask?>> Read(InputReader input) => _cmdlet.Input(input).Select(item => new WorkItem<TallyfyTask?>(item, WorkTasks.TaskOf(item)));

            // A task object says whether it is completed; so does a result of Complete-TallyfyTask. Anything else is read.
            // A task an interrupted call of the journal had sent a reopening for is read again, whatever the input says.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<TallyfyTask?> item, bool nameWanted) =>
                (!(item.State is TallyfyTask) && KnownFromResult(item) is null) || item.Interrupted.Count > 0 || nameWanted
                    ? requests => ReadAsync(item, Organization, requests)
                    : (Func<RequestCounter, Task<RecordState>>?)null;

            private async Task<RecordState> ReadAsync(WorkItem<TallyfyTask?> item, string organizationId, RequestCounter requests)
            {
                TallyfyTask task = await Ops.GetTaskAsync(organizationId, item.Id, item.RunId, TaskInclude.None, requests).ConfigureAwait(false);
                item.State = task;
                return new RecordState(task.IsArchived ? KnownState.Archived : KnownState.Live, task.Title, task.ArchivedAt?.Value, task.RunId);
            }

            // Refused only when it would be sent (a task not completed is AlreadyOpen, whatever its run).
            public Verdict<TaskWorkOutcome> Decide(WorkItem<TallyfyTask?> item) =>
                Settle(item) is TaskWorkOutcome settled ? Verdict<TaskWorkOutcome>.Settle(settled) : Verdict<TaskWorkOutcome>.RefuseIf(_locks.LockedRefusal(item, item.State));

            private static TaskWorkOutcome? Settle(WorkItem<TallyfyTask?> item)
            {
                bool? completed = item.State is TallyfyTask task ? CompleteTallyfyTaskCommand.IsCompleted(task) : KnownFromResult(item);
                if (completed == false && item.WasRead && item.WasInterruptedAt(ChangeSteps.Reopening))
                {
                    return new TaskWorkOutcome
                    {
                        Name = item.State?.Title ?? item.Name,
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
                        Name = item.State?.Title ?? item.Name,
                        Status = TallyfyTaskCompletionStatus.AlreadyOpen,
                        Message = "It is not completed; nothing was sent.",
                    };
                }

                return null;
            }

            public Task<TaskWorkOutcome> SendAsync(WorkItem<TallyfyTask?> item, RequestCounter requests)
            {
                TallyfyTask? task = item.State;
                return _locks.UnlessLockedAsync(item, task, () =>
                {
                    item.Note(ChangeSteps.Reopening);
                    return Ops.ReopenTaskAsync(Organization, item.Id, task?.RunId ?? item.RunId, task?.Title ?? item.Name, requests);
                });
            }

            public object? Output(WorkItem<TallyfyTask?> item, TaskWorkOutcome? outcome)
            {
                if (outcome is null)
                {
                    return null;
                }

                TallyfyTask? task = item.State;
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
}
