using System;
using System.Collections.Generic;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// One descriptor per kind of record: what error messages say of it (its name, its error ids, the cmdlet that lists
    /// it) and how input names one (<see cref="Input"/>: the property names an object may carry its id in, the id's one
    /// spelling, what the module's own objects say of it). A cmdlet that reads it another way (runs to tag, tasks to work
    /// on, templates of the activity feed) uses one of the readings defined beside it. A new kind of record is one more of these.
    /// </summary>
    internal sealed class Noun
    {
        private static readonly Func<object, InputKind, KnownInput?> NoneTyped = (value, kind) => null;

        private Noun(string name, string notFoundId, string invalidId, string listHint, string getCommand,
            IReadOnlyList<string>? idNames = null, Func<string?, string?>? normalize = null, Func<object, InputKind, KnownInput?>? typed = null)
        {
            Name = name;
            GetCommand = getCommand;
            NotFoundId = notFoundId;
            InvalidId = invalidId;
            ListHint = listHint;
            Input = new InputKind(this, idNames ?? new[] { "Id" }, normalize ?? Ids.Normalize, typed ?? NoneTyped);
        }

        /// <summary>Runs: ids, TallyfyRun objects and the results of the run cmdlets.</summary>
        public static Noun Run { get; } = new Noun("run", ErrorIds.RunNotFound, ErrorIds.InvalidRunId,
            "list runs with Get-TallyfyRun (add -Status archived to see archived ones)", "Get-TallyfyRun",
            new[] { "Id", "RunId", "run_id" }, Ids.Normalize, (value, kind) => value switch
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
        public static Noun Task { get; } = new Noun("task", ErrorIds.TaskNotFound, ErrorIds.InvalidTaskId,
            "list tasks with Get-TallyfyTask (add -IncludeArchived to include archived ones)", "Get-TallyfyTask",
            new[] { "Id", "TaskId", "task_id" }, Ids.Normalize, (value, kind) => value switch
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

        public static Noun User { get; } = new Noun("user", ErrorIds.UserNotFound, ErrorIds.InvalidUserId,
            "list members with Get-TallyfyUser", "Get-TallyfyUser");

        public static Noun Guest { get; } = new Noun("guest", ErrorIds.GuestNotFound, ErrorIds.InvalidUserId,
            "list guests with Get-TallyfyGuest", "Get-TallyfyGuest");

        public static Noun Group { get; } = new Noun("group", ErrorIds.GroupNotFound, ErrorIds.InvalidGroupId,
            "list groups with Get-TallyfyGroup", "Get-TallyfyGroup");

        /// <summary>Assignments of a member (plan rows): one record's rows are one item, named in a journal by the record (task:..., run:...).</summary>
        public static Noun Assignment { get; } = new Noun("assignment", ErrorIds.InvalidAssignment, ErrorIds.InvalidAssignment,
            "list them with Get-TallyfyAssignment -User <email>", "Get-TallyfyAssignment",
            new[] { "Id" }, raw => string.IsNullOrWhiteSpace(raw) ? null : raw!.Trim());

        /// <summary>Tags: ids, TallyfyTag objects, the results of Remove-TallyfyTag, and objects with an Id, TagId or tag_id property.</summary>
        public static Noun Tag { get; } = new Noun("tag", ErrorIds.TagNotFound, ErrorIds.InvalidTagId,
            "list tags with Get-TallyfyTag", "Get-TallyfyTag",
            new[] { "Id", "TagId", "tag_id" }, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyTag tag => KnownInput.Of(tag.Id, string.IsNullOrEmpty(tag.OrganizationId) ? null : tag.OrganizationId, new RecordState(KnownState.Unknown, tag.Title)),
            TallyfyTagRemovalResult removed => KnownInput.Of(removed.TagId, removed.OrganizationId, new RecordState(KnownState.Unknown, removed.Title)),
            TallyfyTagCreationResult { Tag: TallyfyTag made } => kind.Typed(made, kind),
            TallyfyTagCreationResult other when other.TagId.Length > 0 => KnownInput.Of(other.TagId, other.OrganizationId, new RecordState(KnownState.Unknown, other.Title)),
            TallyfyTagCreationResult failed => KnownInput.Refused(failed.Title, Errors.New(ErrorIds.InvalidTagId, ErrorCategory.InvalidArgument, failed,
                $"'{failed.Title}' has no tag: its creation result is {failed.Status}. Nothing was sent for it.",
                "Pass the results that have a tag: ... | Where-Object Succeeded | ...")),
            _ => null,
        });

        /// <summary>Whatever a raw request (Invoke-TallyfyApi) names.</summary>
        public static Noun Resource { get; } = new Noun("record", ErrorIds.ResourceNotFound, ErrorIds.InvalidApiPath,
            "check the path against Tallyfy's API (Invoke-TallyfyApi GET runs lists runs)", "Invoke-TallyfyApi");

        public static Noun Organization { get; } = new Noun("organization", ErrorIds.OrganizationNotFound, ErrorIds.InvalidOrganizationId,
            "list the organizations the token can reach with Get-TallyfyOrganization", "Get-TallyfyOrganization");

        /// <summary>Folders: ids, TallyfyFolder objects, the results of Remove-TallyfyFolder, and rows with an Id, FolderId or folder_id.</summary>
        public static Noun Folder { get; } = new Noun("folder", ErrorIds.FolderNotFound, ErrorIds.FolderNotFound,
            "list folders with Get-TallyfyFolder -Type All", "Get-TallyfyFolder",
            new[] { "Id", "FolderId", "folder_id" }, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyFolder folder => KnownInput.Of(folder.Id, string.IsNullOrEmpty(folder.OrganizationId) ? null : folder.OrganizationId, new RecordState(KnownState.Unknown, folder.Path.Length > 0 ? folder.Path : folder.Name)),
            TallyfyFolderRemovalResult removed => KnownInput.Of(removed.FolderId, removed.OrganizationId, new RecordState(KnownState.Unknown, removed.Path)),
            _ => null,
        });

        public static Noun Activity { get; } = new Noun("activity entry", ErrorIds.RequestFailed, ErrorIds.AmbiguousActivitySubject,
            "read the feed with Get-TallyfyActivity", "Get-TallyfyActivity");

        /// <summary>
        /// Templates: ids, TallyfyTemplate objects, and the template of a run or task (its BlueprintId); any other
        /// object by a TemplateId, BlueprintId, checklist_id or Id property.
        /// </summary>
        public static Noun Template { get; } = new Noun("template", ErrorIds.TemplateNotFound, ErrorIds.InvalidBlueprintId,
            "list templates with Get-TallyfyTemplate (add -IncludeArchived to include archived ones)", "Get-TallyfyTemplate",
            new[] { "TemplateId", "BlueprintId", "checklist_id", "Id" }, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyTemplate template => KnownInput.Of(template.Id, template.OrganizationId,
                new RecordState(template.IsArchived ? KnownState.Archived : KnownState.Live, template.Title, template.ArchivedAt?.Value)),
            TallyfyRun run when !string.IsNullOrEmpty(run.TemplateId) => KnownInput.Of(run.TemplateId!, run.OrganizationId, new RecordState(KnownState.Unknown, run.TemplateName)),
            TallyfyTask task when !string.IsNullOrEmpty(task.TemplateId) => KnownInput.Of(task.TemplateId!, task.OrganizationId, RecordState.Unknown),
            TallyfyTask task => KnownInput.Refused(task.Id, Errors.New(ErrorIds.InvalidBlueprintId, ErrorCategory.InvalidArgument, task,
                $"Task '{task.Title}' ({task.Id}) names no template (a one-off task has none). Nothing was sent for it.", "Pass a template, a run, or a template id.")),
            _ => null,
        });

        /// <summary>Template steps: their timeline ids, TallyfyStep objects (which carry their template), and rows with an Id, StepId or step_id.</summary>
        public static Noun Step { get; } = new Noun("step", ErrorIds.StepNotFound, ErrorIds.InvalidStepId,
            "list a template's steps with Get-TallyfyTemplate -Id <template id> -Include Steps", "Get-TallyfyTemplate",
            new[] { "StepId", "step_id", "Id" }, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyStep step => KnownInput.Of(step.Id, string.IsNullOrEmpty(step.OrganizationId) ? null : step.OrganizationId, new RecordState(KnownState.Unknown, step.Title)),
            TallyfyStepUpdateResult result => KnownInput.Of(result.StepId, result.OrganizationId, new RecordState(KnownState.Unknown, result.Title)),
            _ => null,
        });

        /// <summary>Comments: their ids (integers), TallyfyComment objects, and rows with an Id, CommentId or comment_id.</summary>
        public static Noun Comment { get; } = new Noun("comment", ErrorIds.CommentNotFound, ErrorIds.InvalidCommentId,
            "list comments with Get-TallyfyComment", "Get-TallyfyComment",
            new[] { "Id", "CommentId", "comment_id" },
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

        /// <summary>Problems: the comments of label problem (Get-TallyfyComment -Open), by their ids (integers).</summary>
        public static Noun Problem { get; } = new Noun("problem", ErrorIds.ProblemNotFound, ErrorIds.InvalidCommentId,
            "list open problems with Get-TallyfyComment -Open", "Get-TallyfyComment", Comment.Input.IdNames, Comment.Input.Normalize);

        /// <summary>
        /// Tasks to work on (complete, reopen, update, comment): ids, TallyfyTask objects, the results of the task
        /// cmdlets (those of Complete-TallyfyTask and Undo-TallyfyTaskCompletion too), and rows with a task id.
        /// </summary>
        public static InputKind TaskToWork { get; } = new InputKind(Task, Task.Input.IdNames, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyTaskCompletionResult done => KnownInput.Of(done.TaskId, done.OrganizationId, new RecordState(KnownState.Unknown, done.Title, null, done.RunId)),
            TallyfyComment comment when comment.TaskId != null => KnownInput.Of(comment.TaskId, comment.OrganizationId, new RecordState(KnownState.Unknown, null, null, comment.RunId)),
            TallyfyCommentResult commented when commented.TaskId.Length > 0 => KnownInput.Of(commented.TaskId, commented.OrganizationId, new RecordState(KnownState.Unknown, commented.TaskTitle, null, commented.RunId)),
            _ => Task.Input.Typed(value, kind),
        });

        /// <summary>Runs to tag or untag: what <see cref="Run"/> takes, and the results of the run-tag cmdlets (undo by piping them back).</summary>
        public static InputKind RunToTag { get; } = new InputKind(Run, Run.Input.IdNames, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyRunTagResult tagged => KnownInput.Of(tagged.RunId, tagged.OrganizationId, new RecordState(KnownState.Unknown, tagged.RunName)),
            _ => Run.Input.Typed(value, kind),
        });

        /// <summary>Runs to put in a folder or take out: what <see cref="Run"/> takes, and the results of the run-folder cmdlets (undo by piping them back).</summary>
        public static InputKind RunToFile { get; } = new InputKind(Run, Run.Input.IdNames, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyRunFolderResult filed => KnownInput.Of(filed.RunId, filed.OrganizationId, new RecordState(KnownState.Unknown, filed.RunName)),
            _ => Run.Input.Typed(value, kind),
        });

        /// <summary>Templates as Get-TallyfyActivity reads them: ids, TallyfyTemplate objects, and objects with a TemplateId, BlueprintId or checklist_id property.</summary>
        public static InputKind TemplateOfActivity { get; } = new InputKind(Template, new[] { "Id", "TemplateId", "BlueprintId", "checklist_id" }, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyTemplate template => KnownInput.Of(template.Id, string.IsNullOrEmpty(template.OrganizationId) ? null : template.OrganizationId, new RecordState(KnownState.Unknown, template.Title)),
            _ => null,
        });

        /// <summary>"run", "task".</summary>
        public string Name { get; }

        /// <summary>"Run", "Task": at the start of a sentence.</summary>
        public string Title => char.ToUpperInvariant(Name[0]) + Name.Substring(1);

        public string NotFoundId { get; }

        /// <summary>The cmdlet that reads one record of this kind by id.</summary>
        public string GetCommand { get; }
        public string InvalidId { get; }

        /// <summary>Where to find valid ids, as advice ("list runs with Get-TallyfyRun ...").</summary>
        public string ListHint { get; }

        /// <summary>How input names a record of this kind: for <see cref="InputReader"/>.</summary>
        public InputKind Input { get; }

        /// <summary>"Run 'Q3: audit' (9f2c...)" or "Run 9f2c...".</summary>
        public string Describe(string id, string? name) => string.IsNullOrEmpty(name) ? $"{Title} {id}" : $"{Title} '{name}' ({id})";

        public override string ToString() => Name;
    }
}
