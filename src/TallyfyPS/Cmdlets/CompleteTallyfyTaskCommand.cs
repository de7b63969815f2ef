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
    /// Completes Tallyfy tasks (of runs and one-off), and approves or rejects approval tasks. A task that is completed
    /// already is reported AlreadyCompleted and nothing is sent: Tallyfy would complete it again and send its
    /// notifications a second time. One result per input, in input order.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Complete, "TallyfyTask", HelpUri = HelpLinks.Base + "Complete-TallyfyTask.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyTaskCompletionResult))]
    public sealed class CompleteTallyfyTaskCommand : WorkTaskInputCmdlet
    {
        private static readonly BulkAction CompleteAction = new BulkAction(Noun.TaskToWork, null, "Complete", "Completing Tallyfy tasks", irreversible: false);
        private static readonly BulkAction ApproveAction = new BulkAction(Noun.TaskToWork, null, "Approve", "Approving Tallyfy tasks", irreversible: false);
        private static readonly BulkAction RejectAction = new BulkAction(Noun.TaskToWork, null, "Reject", "Rejecting Tallyfy tasks", irreversible: false);

        private BulkPipeline<TallyfyTask?, TaskWorkOutcome>? _bulk;

        /// <summary>Approve approval tasks (only approval tasks are taken).</summary>
        [Parameter]
        public SwitchParameter Approve { get; set; }

        /// <summary>Reject approval tasks (only approval tasks are taken).</summary>
        [Parameter]
        public SwitchParameter Reject { get; set; }

        private BulkAction Action => Approve ? ApproveAction : Reject ? RejectAction : CompleteAction;

        /// <summary>
        /// A file that records each item's outcome the moment it is known. Run the same command again with the same
        /// journal (after a crash, a restart, Ctrl+C) and items already settled get their recorded result, with nothing
        /// sent for them.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Journal { get; set; }

        private bool? Approval => Approve ? true : Reject ? false : (bool?)null;

        private string Switch => Approve ? "-Approve" : "-Reject";

        protected override void BeginProcessing()
        {
            if (Approve && Reject)
            {
                ThrowTerminatingError(Errors.ConflictingParameters("-Approve and -Reject were both given.", "Pass one of them: -Approve or -Reject."));
            }

            base.BeginProcessing();
            _bulk = new BulkPipeline<TallyfyTask?, TaskWorkOutcome>(this, Organization, CurrentSession.User, Action, new Completion(this), ThrottleLimit, Journal);
            CheckRunId();
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Completing one task (the item's state: the task, as the input gave it or as read).</summary>
        private sealed class Completion : IBulkOperation<TallyfyTask?, TaskWorkOutcome>
        {
            private readonly CompleteTallyfyTaskCommand _cmdlet;

            // Open tasks of this call that were taken for completion (pipeline thread only): a repeat is refused, since its
            // completion would be sent beside the first one's and notify everyone twice.
            private readonly HashSet<string> _taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            // Runs locked by an open issue: refused before sending where the input says so, learnt from the first refusal.
            private readonly LockedRuns _locks = new LockedRuns();

            public Completion(CompleteTallyfyTaskCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            private string Organization => _cmdlet.Organization;

            private bool Approve => _cmdlet.Approve;

            private bool Reject => _cmdlet.Reject;

            private bool? Approval => _cmdlet.Approval;

            private string Switch => _cmdlet.Switch;

            public IEnumerable<WorkItem<TallyfyTask?>> Read(InputReader input) => _cmdlet.Input(input).Select(item => new WorkItem<TallyfyTask?>(item, WorkTasks.TaskOf(item)));

            // A task just read by Get-TallyfyTask says its status and type; anything else is read first: an id, a row, and a
            // task object read more than a few seconds ago or before this session completed or reopened it (completing it
            // again on its stale word would re-send its notifications). So is a task an interrupted call of the journal
            // had sent a completion for, whatever the input says.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<TallyfyTask?> item, bool nameWanted) =>
                !(item.State is TallyfyTask task) || !Ops.TaskTrust.IsCurrent(task) || item.Interrupted.Count > 0 || nameWanted
                    ? requests => ReadAsync(item, Organization, requests)
                    : (Func<RequestCounter, Task<RecordState>>?)null;

            private async Task<RecordState> ReadAsync(WorkItem<TallyfyTask?> item, string organizationId, RequestCounter requests)
            {
                TallyfyTask task = await Ops.GetTaskAsync(organizationId, item.Id, item.RunId, TaskInclude.None, requests).ConfigureAwait(false);
                item.State = task;
                return new RecordState(task.IsArchived ? KnownState.Archived : KnownState.Live, task.Title, task.ArchivedAt?.Value, task.RunId);
            }

            public Verdict<TaskWorkOutcome> Decide(WorkItem<TallyfyTask?> item) =>
                Refuse(item) is ErrorRecord refusal ? Verdict<TaskWorkOutcome>.Refuse(refusal) : Verdict<TaskWorkOutcome>.SettleIf(Settle(item));

            private ErrorRecord? Refuse(WorkItem<TallyfyTask?> item)
            {
                TallyfyTask task = item.State!;
                if (_taken.Contains(item.Id))
                {
                    // Whatever its read says: it may have been read before or after the first appearance's completion.
                    return Errors.TaskRepeated(Noun.Task.Describe(item.Id, task.Title), Approve ? "approved" : Reject ? "rejected" : "completed", item.Target);
                }

                if (IsCompleted(task))
                {
                    return null; // settled: AlreadyCompleted
                }

                if (_locks.LockedRefusal(item, task) is ErrorRecord locked)
                {
                    return locked;
                }

                bool approval = string.Equals(task.TaskType, "approval", StringComparison.OrdinalIgnoreCase);
                if (approval && Approval is null)
                {
                    return Errors.ApprovalRequired(Noun.Task.Describe(item.Id, task.Title), item.Target);
                }

                if (!approval && Approval != null)
                {
                    return Errors.NotAnApproval(Noun.Task.Describe(item.Id, task.Title), task.TaskType, Switch, item.Target);
                }

                _taken.Add(item.Id);
                return null;
            }

            private TaskWorkOutcome? Settle(WorkItem<TallyfyTask?> item)
            {
                TallyfyTask task = item.State!;
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

            public Task<TaskWorkOutcome> SendAsync(WorkItem<TallyfyTask?> item, RequestCounter requests)
            {
                TallyfyTask task = item.State!;
                return _locks.UnlessLockedAsync(item, task, () =>
                {
                    item.Note(ChangeSteps.Completing);
                    return Ops.CompleteTaskAsync(Organization, task, Approval, requests);
                });
            }

            public object? Output(WorkItem<TallyfyTask?> item, TaskWorkOutcome? outcome)
            {
                if (outcome is null)
                {
                    return null;
                }

                TallyfyTask? task = item.State;
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
        }

        internal static bool IsCompleted(TallyfyTask task) => string.Equals(task.Status, "completed", StringComparison.OrdinalIgnoreCase);
    }
}
