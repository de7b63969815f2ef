using System;
using System.Collections.Generic;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// What one kind of input is, for <see cref="InputReader"/>: the noun its errors use, the property names an
    /// object may carry its id in, how an id is checked, and what the module's own objects say of a record of this
    /// kind. A new kind of record is one more of these.
    /// </summary>
    internal sealed class InputKind
    {
        public InputKind(Noun noun, IReadOnlyList<string> idNames, Func<string?, string?> normalize, Func<object, InputKind, KnownInput?> typed)
        {
            Noun = noun;
            IdNames = idNames;
            Normalize = normalize;
            Typed = typed;
        }

        /// <summary>Runs: ids, TallyfyRun objects and the results of the run cmdlets.</summary>
        public static InputKind Run { get; } = new InputKind(Noun.Run, new[] { "Id", "RunId", "run_id" }, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyRun run => KnownInput.Of(run.Id, run.OrganizationId, new RecordState(run.IsArchived ? KnownState.Archived : KnownState.Live, run.Name, run.ArchivedAt?.Value)),
            TallyfyRunRemovalResult removed => KnownInput.Of(removed.RunId, removed.OrganizationId, KnownInput.AfterRemoval(removed.Status, removed.Name)),
            TallyfyRunRestoreResult restored => KnownInput.Of(restored.RunId, restored.OrganizationId, KnownInput.AfterRestore(restored.Status, restored.Name)),
            TallyfyLaunchResult { Run: TallyfyRun run } launch => KnownInput.Of(launch.RunId, launch.OrganizationId, new RecordState(run.IsArchived ? KnownState.Archived : KnownState.Live, run.Name, run.ArchivedAt?.Value)),
            TallyfyLaunchResult launch => KnownInput.Refused(launch.Name, Errors.New(ErrorIds.InvalidRunId, ErrorCategory.InvalidArgument, launch,
                $"Row {launch.Row} ('{launch.Name}') has no run: its launch result is {launch.Status}. Nothing was sent for it.",
                "Pass the rows that have a run: ... | Where-Object Succeeded | ...")),
            TallyfyRunUpdateResult { Run: TallyfyRun run } updated => KnownInput.Of(updated.RunId, updated.OrganizationId, new RecordState(run.IsArchived ? KnownState.Archived : KnownState.Live, run.Name, run.ArchivedAt?.Value)),
            TallyfyTask task => KnownInput.Refused(task.Id, Errors.New(ErrorIds.InvalidRunId, ErrorCategory.InvalidArgument, task,
                $"This command acts on runs, and this is task '{task.Title}' ({task.Id}). Nothing was sent for it.",
                task.RunId is null ? "A one-off task has no run; use the task cmdlets (Remove-TallyfyTask, Restore-TallyfyTask)."
                    : $"To act on its run, pass its RunId: Get-TallyfyRun -Id {task.RunId}.")),
            _ => null,
        });

        /// <summary>Tasks: ids, TallyfyTask objects and the results of the task cmdlets.</summary>
        public static InputKind Task { get; } = new InputKind(Noun.Task, new[] { "Id", "TaskId", "task_id" }, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyTask task => KnownInput.Of(task.Id, task.OrganizationId,
                new RecordState(task.IsArchived ? KnownState.Archived : KnownState.Live, task.Title, task.ArchivedAt?.Value, task.RunId)),
            TallyfyTaskRemovalResult removed => KnownInput.Of(removed.TaskId, removed.OrganizationId, KnownInput.AfterRemoval(removed.Status, removed.Title)),
            TallyfyTaskRestoreResult restored => KnownInput.Of(restored.TaskId, restored.OrganizationId, KnownInput.AfterRestore(restored.Status, restored.Title)),
            TallyfyTaskCreationResult { Task: TallyfyTask made } => kind.Typed(made, kind),
            TallyfyTaskCreationResult failed => KnownInput.Refused(failed.Title, Errors.New(ErrorIds.InvalidTaskId, ErrorCategory.InvalidArgument, failed,
                $"'{failed.Title}' has no task: its creation result is {failed.Status}. Nothing was sent for it.",
                "Pass the results that have a task: ... | Where-Object Succeeded | ...")),
            TallyfyRun run => KnownInput.Refused(run.Id, Errors.New(ErrorIds.InvalidTaskId, ErrorCategory.InvalidArgument, run,
                $"This command acts on tasks, and this is run '{run.Name}' ({run.Id}). Nothing was sent for it.",
                $"List its tasks with Get-TallyfyTask -RunId {run.Id}, or act on the run with the run cmdlets.")),
            _ => null,
        });

        /// <summary>
        /// Templates: ids, TallyfyTemplate objects, and the template of a run or task (its BlueprintId); any other
        /// object by a TemplateId, BlueprintId, checklist_id or Id property.
        /// </summary>
        public static InputKind Template { get; } = new InputKind(Noun.Template, new[] { "TemplateId", "BlueprintId", "checklist_id", "Id" }, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyTemplate template => KnownInput.Of(template.Id, template.OrganizationId,
                new RecordState(template.IsArchived ? KnownState.Archived : KnownState.Live, template.Title, template.ArchivedAt?.Value)),
            TallyfyRun run when !string.IsNullOrEmpty(run.TemplateId) => KnownInput.Of(run.TemplateId!, run.OrganizationId, new RecordState(KnownState.Unknown, run.TemplateName)),
            TallyfyTask task when !string.IsNullOrEmpty(task.TemplateId) => KnownInput.Of(task.TemplateId!, task.OrganizationId, RecordState.Unknown),
            TallyfyTask task => KnownInput.Refused(task.Id, Errors.New(ErrorIds.InvalidBlueprintId, ErrorCategory.InvalidArgument, task,
                $"Task '{task.Title}' ({task.Id}) names no template (a one-off task has none). Nothing was sent for it.", "Pass a template, a run, or a template id.")),
            _ => null,
        });

        /// <summary>
        /// Tasks to work on (complete, reopen, update, comment): ids, TallyfyTask objects, the results of the task
        /// cmdlets (those of Complete-TallyfyTask and Undo-TallyfyTaskCompletion too), and rows with a task id.
        /// </summary>
        public static InputKind WorkTask { get; } = new InputKind(Noun.Task, new[] { "Id", "TaskId", "task_id" }, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyTaskCompletionResult done => KnownInput.Of(done.TaskId, done.OrganizationId, new RecordState(KnownState.Unknown, done.Title, null, done.RunId)),
            TallyfyComment comment when comment.TaskId != null => KnownInput.Of(comment.TaskId, comment.OrganizationId, new RecordState(KnownState.Unknown, null, null, comment.RunId)),
            TallyfyCommentResult commented when commented.TaskId.Length > 0 => KnownInput.Of(commented.TaskId, commented.OrganizationId, new RecordState(KnownState.Unknown, commented.TaskTitle, null, commented.RunId)),
            _ => Task.Typed(value, kind),
        });

        /// <summary>Comments: their ids (integers), TallyfyComment objects, and rows with an Id, CommentId or comment_id.</summary>
        public static InputKind Comment { get; } = new InputKind(Noun.Comment, new[] { "Id", "CommentId", "comment_id" },
            raw => long.TryParse(raw?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) && n > 0
                ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            (value, kind) => value switch
            {
                TallyfyComment comment => KnownInput.Of(comment.Id, comment.OrganizationId, new RecordState(KnownState.Unknown, comment.Content, null, comment.RunId)),
                TallyfyCommentResult { Comment: TallyfyComment made } => kind.Typed(made, kind),
                TallyfyCommentResult failed => KnownInput.Refused(failed.TaskId, Errors.New(ErrorIds.InvalidCommentId, ErrorCategory.InvalidArgument, failed,
                    $"Task {failed.TaskId} has no new comment: its comment result is {failed.Status}. Nothing was sent for it.",
                    "Pass the results that have a comment: ... | Where-Object Succeeded | ...")),
                _ => null,
            });

        public Noun Noun { get; }

        /// <summary>The property names an input object may carry its id in.</summary>
        public IReadOnlyList<string> IdNames { get; }

        /// <summary>The id in its one spelling, or null when the value is not an id of this kind.</summary>
        public Func<string?, string?> Normalize { get; }

        /// <summary>What one of the module's own objects says of a record of this kind; null for objects it does not know.</summary>
        public Func<object, InputKind, KnownInput?> Typed { get; }

        /// <summary>The name property an input row may carry ("Name", or "Title" for tasks).</summary>
        public string NameProperty => Noun == Noun.Task ? "Title" : "Name";
    }

    /// <summary>What a typed input object said: its id, organization and state, or why it is refused.</summary>
    internal sealed class KnownInput
    {
        private KnownInput(string rawId, string? organizationId, RecordState state, ErrorRecord? refusal)
        {
            RawId = rawId;
            OrganizationId = organizationId;
            State = state;
            Refusal = refusal;
        }

        public string RawId { get; }
        public string? OrganizationId { get; }
        public RecordState State { get; }
        public ErrorRecord? Refusal { get; }

        public static KnownInput Of(string rawId, string? organizationId, RecordState state) => new KnownInput(rawId, organizationId, state, null);

        public static KnownInput Refused(string rawId, ErrorRecord refusal) => new KnownInput(rawId, null, RecordState.Unknown, refusal);

        /// <summary>What a removal result says of its record now.</summary>
        public static RecordState AfterRemoval(TallyfyRemovalStatus status, string? name) => new RecordState(
            status == TallyfyRemovalStatus.Archived || status == TallyfyRemovalStatus.AlreadyArchived ? KnownState.Archived : KnownState.Unknown, name);

        /// <summary>What a restore result says of its record now.</summary>
        public static RecordState AfterRestore(TallyfyRestoreStatus status, string? name) => new RecordState(
            status == TallyfyRestoreStatus.Restored || status == TallyfyRestoreStatus.NotArchived ? KnownState.Live : KnownState.Unknown, name);
    }
}
