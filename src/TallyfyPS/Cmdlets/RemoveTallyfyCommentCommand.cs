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
    public sealed class RemoveTallyfyCommentCommand : RecordBulkCmdlet<RemovalOutcome>
    {
        private static readonly BulkAction Delete = new BulkAction(InputKind.Comment, null, "Delete", "Deleting Tallyfy comments", irreversible: true);
        private static readonly string[] TaskIdNames = { "TaskId", "task_id" };

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

        internal override BulkAction Action => Delete;

        internal override string?[]? IdArgument => Id;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (TaskId != null && Ids.Normalize(TaskId) is null)
            {
                ThrowTerminatingError(Errors.InvalidId(Noun.Task, TaskId, TaskId));
            }
        }

        internal override IEnumerable<WorkItem> ReadInput(InputReader reader) => base.ReadInput(reader).Select(item =>
        {
            if (item.Refusal is null)
            {
                string? task = (item.Target as TallyfyComment)?.TaskId ?? TaskOfRow(item.Target) ?? Ids.Normalize(TaskId);
                item.Data = task;
                if (task is null)
                {
                    item.Refusal = Errors.New(ErrorIds.InvalidTaskId, ErrorCategory.InvalidArgument, item.Target,
                        $"Comment {item.Id} names no task, and Tallyfy deletes a comment through its task. Nothing was sent for it.",
                        "Pass -TaskId, or pipe the comments from Get-TallyfyComment.");
                }
            }

            return item;
        });

        internal override async Task<RemovalOutcome> SendAsync(WorkItem item, RequestCounter requests)
        {
            // Journal: a deletion sent by an interrupted call whose comment is gone now is Deleted, not NotFound.
            item.Note(ChangeSteps.Deleting);
            return Resumed.Removal(item, await Ops.DeleteCommentAsync(Organization, (string)item.Data!, item.Id,
                (item.Target as TallyfyComment)?.RunId ?? item.RunId, requests).ConfigureAwait(false));
        }

        internal override TallyfyOperationResult ToResult(WorkItem item, RemovalOutcome outcome) => new TallyfyCommentRemovalResult
        {
            CommentId = item.Id,
            TaskId = (string)item.Data!,
            Content = (item.Target as TallyfyComment)?.Content ?? item.Name,
            Status = outcome.Status,
        };

        internal override string Target(WorkItem item) => $"comment {item.Id} on task {item.Data}{(item.Name is null ? string.Empty : $": '{Short(item.Name)}'")}";

        internal override string Subject(WorkItem item, string? name) => $"Comment {item.Id} on task {item.Data}";

        internal override string CheckAdvice(WorkItem item) => $"Check with Get-TallyfyComment -TaskId {item.Data}.";

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
    }
}
