using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Adds a comment to Tallyfy tasks (of runs and one-off). One result per task (Added, Refused, Failed, ...) that pipes
    /// on as its comment (Remove-TallyfyComment) or its task; -PassThru writes each new comment instead. Tallyfy takes only so many
    /// comments an hour from an organization: once it asks for a longer wait than -MaxWaitSec, the comments left are not
    /// sent (NotAttempted, with one RateLimited error that says when the limit frees up); -Journal lets a rerun post only those.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "TallyfyComment", HelpUri = HelpLinks.Base + "Add-TallyfyComment.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyCommentResult), typeof(TallyfyComment))]
    public sealed class AddTallyfyCommentCommand : RecordBulkCmdlet<CommentOutcome>
    {
        private static readonly BulkAction Comment = new BulkAction(InputKind.WorkTask, null, "Comment on", "Commenting on Tallyfy tasks", irreversible: false);
        private static readonly Dictionary<string, string> States = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["HiddenFromGuests"] = "hide-for-guests",
            ["VisibleToGuests"] = "open",
        };

        private readonly ChangeLedger _ledger = new ChangeLedger();
        private readonly Dictionary<WorkItem, int> _ordinals = new Dictionary<WorkItem, int>();
        private int _read;

        /// <summary>Ids of the tasks to comment on.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        [Alias("Id", "task_id")]
        [AllowEmptyString]
        [AllowNull]
        public string?[]? TaskId { get; set; }

        /// <summary>The comment's text. Mention a member with @[user id].</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Content", "Comment")]
        [ValidateNotNullOrEmpty]
        [TextArgument(MultiLine = true)]
        public string Text { get; set; } = string.Empty;

        /// <summary>What kind of comment it is. Default comment.</summary>
        [Parameter]
        [ValidateSet("comment", "problem", "advice", "improvement", "resolve", IgnoreCase = true)]
        public string Label { get; set; } = "comment";

        /// <summary>Whether guests on the task see it. Default HiddenFromGuests (Tallyfy's default).</summary>
        [Parameter]
        [ValidateSet("HiddenFromGuests", "VisibleToGuests", IgnoreCase = true)]
        public string Visibility { get; set; } = "HiddenFromGuests";

        /// <summary>The run the tasks belong to, where the input does not say.</summary>
        [Parameter]
        [Alias("run_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string? RunId { get; set; }

        /// <summary>Write each new comment instead of its result.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override BulkAction Action => Comment;

        internal override string?[]? IdArgument => TaskId;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (RunId != null && Ids.Normalize(RunId) is null)
            {
                ThrowTerminatingError(Errors.InvalidId(Noun.Run, RunId, RunId));
            }
        }

        internal override IEnumerable<WorkItem> ReadInput(InputReader reader) =>
            base.ReadInput(reader).Select(item =>
            {
                _ordinals[item] = ++_read; // the item's place in the input: the same task may be given many times
                return WorkTasks.Attach(item, Ids.Normalize(RunId));
            });

        /// <summary>
        /// An input item in the journal: its place in the input and its task. Each item posts a comment of its own (the same
        /// task may come many times), so the task alone would not do; the task in the key keeps an edited input (another
        /// task at that place) from being taken for an item already posted.
        /// </summary>
        internal override string JournalKey(WorkItem item) =>
            $"item {(_ordinals.TryGetValue(item, out int n) ? n : 0).ToString(System.Globalization.CultureInfo.InvariantCulture)}\t{item.Id}";

        /// <summary>The journal's action names the comment (label, visibility, a digest of the text): a journal is refused for another comment (JournalMismatch).</summary>
        internal override string JournalAction => $"Comment ({Label.ToLowerInvariant()}, {States[Visibility]}) {TextDigest(Text)}";

        /// <summary>The journal records each item's result (also under -PassThru, which writes the comment instead).</summary>
        internal override TallyfyOperationResult? JournalRecord(WorkItem item, CommentOutcome outcome, object? output) =>
            output as TallyfyOperationResult ?? ToResult(item, outcome);

        /// <summary>What a rerun writes for an item settled in the journal: its result (-PassThru: nothing, the comment was written by the earlier call).</summary>
        internal override object? Replayed(TallyfyOperationResult recorded) => PassThru ? null : recorded;

        private static string TextDigest(string text)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            byte[] hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(text));
            return "text " + BitConverter.ToString(hash, 0, 6).Replace("-", string.Empty).ToLowerInvariant();
        }

        internal override Task<CommentOutcome> SendAsync(WorkItem item, RequestCounter requests)
        {
            string org = Organization;
            return Api.AddCommentAsync(org, item.Id, (item.Data as TallyfyTask)?.RunId ?? item.RunId, Text, Label.ToLowerInvariant(), States[Visibility],
                CurrentSession.User.Id, _ledger, requests);
        }

        internal override object? Output(WorkItem item, CommentOutcome outcome, int attempts, string organizationId)
        {
            if (outcome.Status == ChangeStatus.Done && outcome.Record != null)
            {
                outcome.Record.Author ??= CurrentSession.User;
            }

            return PassThru ? (outcome.Status == ChangeStatus.Done ? outcome.Record : null) : base.Output(item, outcome, attempts, organizationId);
        }

        internal override TallyfyOperationResult ToResult(WorkItem item, CommentOutcome outcome)
        {
            TallyfyComment? made = outcome.Status == ChangeStatus.Done ? outcome.Record : null;
            return new TallyfyCommentResult
            {
                CommentId = made?.Id ?? string.Empty,
                TaskId = made?.TaskId ?? item.Id,
                RunId = made?.RunId ?? (item.Data as TallyfyTask)?.RunId ?? item.RunId,
                TaskTitle = (item.Data as TallyfyTask)?.Title ?? item.Name,
                Status = StatusOf(outcome.Status),
                Comment = made,
            };
        }

        /// <summary>A refused task is in the output as well as its error: an exported CSV accounts for every task.</summary>
        internal override TallyfyOperationResult? RefusedResult(WorkItem item, ErrorRecord refusal) => PassThru ? null : new TallyfyCommentResult
        {
            TaskId = item.Id,
            RunId = (item.Data as TallyfyTask)?.RunId ?? item.RunId,
            TaskTitle = (item.Data as TallyfyTask)?.Title ?? item.Name,
            Status = TallyfyCommentStatus.Refused,
        };

        private static TallyfyCommentStatus StatusOf(ChangeStatus status) => status switch
        {
            ChangeStatus.Done => TallyfyCommentStatus.Added,
            ChangeStatus.NotFound => TallyfyCommentStatus.NotFound,
            ChangeStatus.Forbidden => TallyfyCommentStatus.Forbidden,
            ChangeStatus.Skipped => TallyfyCommentStatus.Skipped,
            ChangeStatus.NotAttempted => TallyfyCommentStatus.NotAttempted,
            ChangeStatus.Unknown => TallyfyCommentStatus.Unknown,
            _ => TallyfyCommentStatus.Failed,
        };

        internal override string Target(WorkItem item) => item.Name is null ? $"task {item.Id}" : $"'{item.Name}' (task {item.Id})";
    }
}
