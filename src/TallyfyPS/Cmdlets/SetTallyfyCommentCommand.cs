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
    /// Edits comments on Tallyfy tasks: their text and label. Comments come from Get-TallyfyComment, or as ids with
    /// -TaskId. A comment's label becomes comment, advice or improvement only: problems are reported and resolved with
    /// Add-TallyfyComment -Label problem and Resolve-TallyfyProblem (a comment labelled resolve resolves nothing). One
    /// result per comment, in input order.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TallyfyComment", HelpUri = HelpLinks.Base + "Set-TallyfyComment.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyCommentUpdateResult))]
    public sealed class SetTallyfyCommentCommand : RecordInputCmdlet
    {
        private static readonly BulkAction Edit = new BulkAction(Noun.Comment.Input, null, "Edit", "Editing Tallyfy comments", irreversible: false);
        private static readonly string[] TaskIdNames = { "TaskId", "task_id" };

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TallyfyComment> _problems = new System.Collections.Concurrent.ConcurrentDictionary<string, TallyfyComment>();
        private BulkPipeline<string?, CommentEditOutcome>? _bulk;

        /// <summary>Ids of the comments (integers).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("CommentId", "comment_id")]
        [AllowEmptyString]
        [AllowNull]
        public string?[]? Id { get; set; }

        /// <summary>The task the comments are on, where the input does not say.</summary>
        [Parameter]
        [Alias("task_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string? TaskId { get; set; }

        /// <summary>The new text. Mention a member with @[user id].</summary>
        [Parameter]
        [Alias("Content", "Comment")]
        [ValidateNotNullOrEmpty]
        [TextArgument(MultiLine = true)]
        public string? Text { get; set; }

        /// <summary>The new label: comment, advice or improvement.</summary>
        [Parameter]
        [ValidateSet("comment", "advice", "improvement", IgnoreCase = true)]
        public string? Label { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _bulk = new BulkPipeline<string?, CommentEditOutcome>(this, Organization, CurrentSession.User, Edit, new Editing(this), ThrottleLimit);
            if (Text is null && Label is null)
            {
                ThrowTerminatingError(Errors.NothingToChange(MyInvocation.MyCommand.Name, "-Text or -Label"));
            }

            if (Text != null && TextArguments.Problem(this, Text) is ErrorRecord badText)
            {
                ThrowTerminatingError(badText);
            }

            if (TaskId != null && Ids.Normalize(TaskId) is null)
            {
                ThrowTerminatingError(Errors.InvalidId(Noun.Task, TaskId, TaskId));
            }
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount(Id));

        protected override void EndProcessing() => _bulk!.Finish();

        private static string Short(string text) => text.Length > 40 ? text.Substring(0, 40) + "..." : text;

        private static string? TaskOfRow(object? target)
        {
            if (target is null || target is string || target is TallyfyComment)
            {
                return null;
            }

            PSObject row = target as PSObject ?? PSObject.AsPSObject(target);
            if (row.BaseObject is System.Collections.IDictionary d)
            {
                return d.Keys.Cast<object>().Where(k => TaskIdNames.Any(n => string.Equals(n, k?.ToString(), StringComparison.OrdinalIgnoreCase)))
                    .Select(k => Ids.Normalize(d[k]?.ToString())).FirstOrDefault(v => v != null);
            }

            return TaskIdNames.Select(n => row.Properties[n]?.Value?.ToString()).Select(Ids.Normalize).FirstOrDefault(v => v != null);
        }

        /// <summary>Editing one comment (the item's state: its task, through which Tallyfy edits it).</summary>
        private sealed class Editing : IBulkOperation<string?, CommentEditOutcome>, IDescribesItems<string?>
        {
            private readonly SetTallyfyCommentCommand _cmdlet;

            public Editing(SetTallyfyCommentCommand cmdlet) => _cmdlet = cmdlet;

            public IEnumerable<WorkItem<string?>> Read(InputReader reader) => _cmdlet.Input(reader, _cmdlet.Id).Select(input =>
            {
                var item = new WorkItem<string?>(input, null);
                if (item.Refusal is null)
                {
                    string? task = (item.Target as TallyfyComment)?.TaskId ?? TaskOfRow(item.Target) ?? Ids.Normalize(_cmdlet.TaskId);
                    item.State = task;
                    if (task is null)
                    {
                        item.Refusal = Errors.New(ErrorIds.InvalidTaskId, ErrorCategory.InvalidArgument, item.Target,
                            $"Comment {item.Id} names no task, and Tallyfy edits a comment through its task. Nothing was sent for it.",
                            "Pass -TaskId, or pipe the comments from Get-TallyfyComment.");
                    }
                    else if (_cmdlet.Label != null && item.Target is TallyfyComment { IsOpenProblem: true } problem)
                    {
                        // Only resolved-threads clears a problem: a relabelled one would hide it and leave the run locked.
                        item.Refusal = Errors.ProblemLabel(problem, _cmdlet.Label.ToLowerInvariant());
                    }
                }

                return item;
            });

            // A new label for a comment given by id: its task's comments are read, so an open problem is refused as a piped one is.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<string?> item, bool nameWanted) =>
                _cmdlet.Label is null || item.Target is TallyfyComment ? null : async requests =>
                {
                    IReadOnlyList<TallyfyComment> comments = await _cmdlet.Ops.GetTaskCommentsAsync(_cmdlet.Organization, item.State!, item.RunId, requests).ConfigureAwait(false);
                    TallyfyComment? comment = comments.FirstOrDefault(c => c.Id == item.Id);
                    if (comment != null && comment.IsOpenProblem)
                    {
                        _cmdlet._problems[item.Id] = comment;
                    }

                    return new RecordState(KnownState.Live, comment?.Content ?? item.Name);
                };

            public Verdict<CommentEditOutcome> Decide(WorkItem<string?> item) =>
                _cmdlet._problems.TryGetValue(item.Id, out TallyfyComment? problem) ? Verdict<CommentEditOutcome>.Refuse(Errors.ProblemLabel(problem, _cmdlet.Label!.ToLowerInvariant()))
                    : Verdict<CommentEditOutcome>.Go;

            public Task<CommentEditOutcome> SendAsync(WorkItem<string?> item, RequestCounter requests) =>
                _cmdlet.Ops.EditCommentAsync(_cmdlet.Organization, item.State!, item.Id, (item.Target as TallyfyComment)?.RunId ?? item.RunId,
                    _cmdlet.Text, _cmdlet.Label?.ToLowerInvariant(), requests);

            public object? Output(WorkItem<string?> item, CommentEditOutcome? outcome)
            {
                var before = item.Target as TallyfyComment;
                return new TallyfyCommentUpdateResult
                {
                    CommentId = item.Id,
                    TaskId = item.State ?? before?.TaskId ?? string.Empty,
                    RunId = outcome?.Record?.RunId ?? before?.RunId ?? item.RunId,
                    Content = outcome?.Record?.Content ?? (outcome?.Status == ChangeStatus.Done ? _cmdlet.Text : null) ?? before?.Content ?? item.Name,
                    Label = outcome?.Record?.Label ?? (outcome?.Status == ChangeStatus.Done ? _cmdlet.Label?.ToLowerInvariant() : null) ?? before?.Label,
                    Status = outcome is null ? TallyfyUpdateStatus.Refused : UpdateResults.StatusOf(outcome.Status),
                    Comment = outcome?.Status == ChangeStatus.Done ? outcome.Record : null,
                };
            }

            public ItemWords Describe(WorkItem<string?> item) => new ItemWords(
                $"comment {item.Id} on task {item.State}{(item.Name is null ? string.Empty : $": '{Short(item.Name)}'")}",
                $"Comment {item.Id} on task {item.State}",
                $"Check with Get-TallyfyComment -TaskId {item.State}.");
        }
    }
}
