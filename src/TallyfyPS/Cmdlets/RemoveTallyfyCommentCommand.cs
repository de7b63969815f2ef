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
    /// Deletes comments from Tallyfy tasks, for good: it prompts unless -Force or -Confirm:$false. Comments come from
    /// Get-TallyfyComment, or as ids with -TaskId. One result per input, in input order.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyComment", HelpUri = HelpLinks.Base + "Remove-TallyfyComment.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyCommentRemovalResult))]
    public sealed class RemoveTallyfyCommentCommand : RecordInputCmdlet
    {
        private static readonly BulkAction Delete = new BulkAction(Noun.Comment.Input, null, "Delete", "Deleting Tallyfy comments", irreversible: true);
        private static readonly string[] TaskIdNames = { "TaskId", "task_id" };

        private BulkPipeline<string?, RemovalOutcome>? _bulk;

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
        public string? TaskId { get; set; }

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
            _bulk = new BulkPipeline<string?, RemovalOutcome>(this, Organization, CurrentSession.User, Delete, new Deletion(this), ThrottleLimit, Journal);
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
                return d.Keys.Cast<object>().Where(k => TaskIdNames.Any(n => string.Equals(n, k?.ToString(), System.StringComparison.OrdinalIgnoreCase)))
                    .Select(k => Ids.Normalize(d[k]?.ToString())).FirstOrDefault(v => v != null);
            }

            return TaskIdNames.Select(n => row.Properties[n]?.Value?.ToString()).Select(Ids.Normalize).FirstOrDefault(v => v != null);
        }

        /// <summary>Deleting one comment (the item's state: its task, through which Tallyfy deletes it).</summary>
        private sealed class Deletion : IBulkOperation<string?, RemovalOutcome>, IDescribesItems<string?>
        {
            private readonly RemoveTallyfyCommentCommand _cmdlet;

            public Deletion(RemoveTallyfyCommentCommand cmdlet) => _cmdlet = cmdlet;

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
                            $"Comment {item.Id} names no task, and Tallyfy deletes a comment through its task. Nothing was sent for it.",
                            "Pass -TaskId, or pipe the comments from Get-TallyfyComment.");
                    }
                }

                return item;
            });

            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<string?> item, bool nameWanted) => null;

            public Verdict<RemovalOutcome> Decide(WorkItem<string?> item) => Verdict<RemovalOutcome>.Go;

            public async Task<RemovalOutcome> SendAsync(WorkItem<string?> item, RequestCounter requests)
            {
                // Journal: a deletion sent by an interrupted call whose comment is gone now is Deleted, not NotFound.
                item.Note(ChangeSteps.Deleting);
                return Resumed.Removal(item, await _cmdlet.Ops.DeleteCommentAsync(_cmdlet.Organization, item.State!, item.Id,
                    (item.Target as TallyfyComment)?.RunId ?? item.RunId, requests).ConfigureAwait(false));
            }

            public object? Output(WorkItem<string?> item, RemovalOutcome? outcome) => outcome is null ? null : new TallyfyCommentRemovalResult
            {
                CommentId = item.Id,
                TaskId = item.State!,
                Content = (item.Target as TallyfyComment)?.Content ?? item.Name,
                Status = outcome.Status,
            };

            public ItemWords Describe(WorkItem<string?> item) => new ItemWords(
                $"comment {item.Id} on task {item.State}{(item.Name is null ? string.Empty : $": '{Short(item.Name)}'")}",
                $"Comment {item.Id} on task {item.State}",
                $"Check with Get-TallyfyComment -TaskId {item.State}.");
        }
    }
}
