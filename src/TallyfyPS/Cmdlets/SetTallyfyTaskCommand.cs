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
    /// Changes Tallyfy tasks (of runs and one-off): title, deadline, owners and form-field values. Each task is read
    /// fresh first; owners are merged from that read and always sent as all three buckets (users, guests, groups),
    /// because Tallyfy empties a bucket an update leaves out. Writes one TallyfyTaskUpdateResult per task (Updated,
    /// Refused, NotFound, ...); -PassThru writes each updated task instead.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TallyfyTask", HelpUri = HelpLinks.Base + "Set-TallyfyTask.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyTaskUpdateResult), typeof(TallyfyTask))]
    public sealed class SetTallyfyTaskCommand : WorkTaskInputCmdlet
    {
        private static readonly BulkAction Update = new BulkAction(Noun.TaskToWork, null, "Update", "Updating Tallyfy tasks", irreversible: false);
        private BulkPipeline<TaskEdit?, TaskUpdateOutcome>? _bulk;
        private ResolvedOwners? _owners;
        private ResolvedOwners? _add;
        private ResolvedOwners? _remove;

        /// <summary>The new title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 600)]
        [TextArgument]
        public string? Title { get; set; }

        /// <summary>The new summary (tasks of runs).</summary>
        [Parameter]
        [Alias("Description")]
        [TextArgument(MultiLine = true)]
        public string? Summary { get; set; }

        /// <summary>The new deadline.</summary>
        [Parameter]
        [Alias("DueDate")]
        [DateArgument]
        public DateTimeOffset? Deadline { get; set; }

        /// <summary>The owners, replacing all of them: users by id, email or object, guests by email, groups by id or name.</summary>
        [Parameter]
        [Alias("Assignee")]
        public object[]? Owner { get; set; }

        /// <summary>Owners to add to those the task has.</summary>
        [Parameter]
        public object[]? AddOwner { get; set; }

        /// <summary>Owners to remove from those the task has.</summary>
        [Parameter]
        public object[]? RemoveOwner { get; set; }

        /// <summary>An email that is neither a member's nor a guest's is a new guest: Tallyfy invites it (and e-mails it). Without it such an email is refused (OwnerNotFound).</summary>
        [Parameter]
        public SwitchParameter AllowNewGuest { get; set; }

        /// <summary>Form-field values: a hashtable (or any object) whose keys are field labels, aliases or ids.</summary>
        [Parameter]
        [Alias("TaskData")]
        public object? Field { get; set; }

        /// <summary>Write each updated task instead of a result per task.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _bulk = new BulkPipeline<TaskEdit?, TaskUpdateOutcome>(this, Organization, CurrentSession.User, Update, new Updating(this), ThrottleLimit);
            CheckRunId();
            if (Title is null && Summary is null && Deadline is null && Owner is null && AddOwner is null && RemoveOwner is null && Field is null)
            {
                ThrowTerminatingError(Errors.NothingToChange(MyInvocation.MyCommand.Name, "-Title, -Summary, -Deadline, -Owner, -AddOwner, -RemoveOwner or -Field"));
            }

            if (Owner != null && (AddOwner != null || RemoveOwner != null))
            {
                ThrowTerminatingError(Errors.ConflictingParameters("-Owner replaces every owner, and -AddOwner or -RemoveOwner change some: they were given together.",
                    "Pass -Owner alone, or -AddOwner and -RemoveOwner."));
            }

            _owners = Owner is null ? null : OwnerArguments.Resolve(this, Ops, Organization, Owner, OwnerKinds.All, "-Owner", AllowNewGuest);
            _add = AddOwner is null ? null : OwnerArguments.Resolve(this, Ops, Organization, AddOwner, OwnerKinds.All, "-AddOwner", AllowNewGuest);
            _remove = RemoveOwner is null ? null : OwnerArguments.Resolve(this, Ops, Organization, RemoveOwner, OwnerKinds.All, "-RemoveOwner");
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Updating one task: read fresh first (the item's state: that read and its converted values).</summary>
        private sealed class Updating : IBulkOperation<TaskEdit?, TaskUpdateOutcome>
        {
            private readonly SetTallyfyTaskCommand _cmdlet;

            public Updating(SetTallyfyTaskCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            private string Organization => _cmdlet.Organization;

            private object? Field => _cmdlet.Field;

            private bool PassThru => _cmdlet.PassThru;

            private DateTimeOffset? Deadline => _cmdlet.Deadline;

            // Runs locked by an open issue: refused before sending where the read says so, learnt from the first refusal.
            private readonly LockedRuns _locks = new LockedRuns();

            public IEnumerable<WorkItem<TaskEdit?>> Read(InputReader input) => _cmdlet.Input(input).Select(item => new WorkItem<TaskEdit?>(item, null));

            // Always read fresh: the owners are merged from it, and the form fields' values checked against its fields.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<TaskEdit?> item, bool nameWanted) => requests => ReadAsync(item, Organization, requests);

            private async Task<RecordState> ReadAsync(WorkItem<TaskEdit?> item, string organizationId, RequestCounter requests)
            {
                TallyfyOperations api = Ops;
                TaskSnapshot snapshot = await api.ReadTaskForUpdateAsync(organizationId, item.Id, WorkTasks.TaskOf(item)?.RunId ?? item.RunId, requests).ConfigureAwait(false);
                var edit = new TaskEdit(snapshot);
                if (Field != null)
                {
                    CallContext context = requests.Context;
                    edit.Fields = await new FieldValueConverter(snapshot.Fields, "form field")
                        .ConvertAsync(FieldArguments.Pairs(Field), requireAll: false, owners => api.People(organizationId).ResolveAsync(owners, OwnerArguments.Kinds(OwnerKinds.All, _cmdlet.AllowNewGuest), context))
                        .ConfigureAwait(false);
                }

                item.State = edit;
                TallyfyTask task = snapshot.Task;
                return new RecordState(task.IsArchived ? KnownState.Archived : KnownState.Live, task.Title, task.ArchivedAt?.Value, task.RunId);
            }

            public Verdict<TaskUpdateOutcome> Decide(WorkItem<TaskEdit?> item) => Verdict<TaskUpdateOutcome>.RefuseIf(Refuse(item));

            private ErrorRecord? Refuse(WorkItem<TaskEdit?> item)
            {
                TaskEdit edit = item.State!;
                TallyfyTask task = edit.Snapshot.Task;
                if (CompleteTallyfyTaskCommand.IsCompleted(task))
                {
                    return Errors.TaskIsCompleted(Noun.Task.Describe(item.Id, task.Title), item.Target);
                }

                if (task.IsOneOff && task.Deadline is null && Deadline is null)
                {
                    // Tallyfy updates a one-off task only with its title, deadline and owners (422 "deadline is required").
                    return Errors.DeadlineRequired(task.Id, task.Title, item.Target);
                }

                if (edit.Fields != null && !edit.Fields.IsValid)
                {
                    string list = task.RunId is null ? $"Get-TallyfyTask -Id {task.Id} -Include FormFields" : $"Get-TallyfyTask -RunId {task.RunId} -Include FormFields";
                    return Errors.FieldValues(edit.Fields, Noun.Task.Describe(item.Id, task.Title), list, item.Target);
                }

                return _locks.LockedRefusal(item, task);
            }

            public Task<TaskUpdateOutcome> SendAsync(WorkItem<TaskEdit?> item, RequestCounter requests)
            {
                TaskEdit edit = item.State!;
                TallyfyTask task = edit.Snapshot.Task;
                var change = new TaskChange
                {
                    Title = _cmdlet.Title,
                    Summary = _cmdlet.Summary,
                    Deadline = Deadline,
                    Owners = _cmdlet._owners ?? (_cmdlet._add != null || _cmdlet._remove != null ? OwnerMerge.Apply(task.Owners, _cmdlet._add, _cmdlet._remove) : null),
                    TaskData = edit.Fields?.Values,
                };
                return _locks.UnlessLockedAsync(item, task, () => Ops.UpdateTaskAsync(Organization, task, change, requests));
            }

            public object? Output(WorkItem<TaskEdit?> item, TaskUpdateOutcome? outcome) =>
                outcome is null ? RefusedResult(item) : PassThru ? (outcome.Status == ChangeStatus.Done ? outcome.Record : null) : ToResult(item, outcome);

            private static TallyfyOperationResult ToResult(WorkItem<TaskEdit?> item, TaskUpdateOutcome outcome) => new TallyfyTaskUpdateResult
            {
                TaskId = outcome.Record?.Id ?? item.Id,
                RunId = outcome.Record?.RunId ?? item.State?.Snapshot.Task.RunId ?? item.RunId,
                Title = outcome.Record?.Title ?? outcome.Name ?? item.Name,
                Status = UpdateResults.StatusOf(outcome.Status),
                Task = outcome.Status == ChangeStatus.Done ? outcome.Record : null,
            };

            /// <summary>A refused task is in the output as well as its error: an exported CSV accounts for every task.</summary>
            private TallyfyOperationResult? RefusedResult(WorkItem<TaskEdit?> item) => PassThru ? null : new TallyfyTaskUpdateResult
            {
                TaskId = item.Id,
                RunId = item.State?.Snapshot.Task.RunId ?? item.RunId,
                Title = item.State?.Snapshot.Task.Title ?? item.Name,
                Status = TallyfyUpdateStatus.Refused,
            };
        }

        /// <summary>A task being changed: the fresh read, and its form-field values converted.</summary>
        private sealed class TaskEdit
        {
            public TaskEdit(TaskSnapshot snapshot)
            {
                Snapshot = snapshot;
            }

            public TaskSnapshot Snapshot { get; }

            public FieldValueSet? Fields { get; set; }
        }
    }
}
