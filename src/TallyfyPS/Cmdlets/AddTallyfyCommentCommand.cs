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
    /// Adds a comment to Tallyfy tasks (of runs and one-off). One result per task (Added, Refused, Failed, ...) that pipes
    /// on as its comment (Remove-TallyfyComment) or its task; -PassThru writes each new comment instead. Tallyfy takes only so many
    /// comments an hour from an organization: once it asks for a longer wait than -MaxWaitSec, the comments left are not
    /// sent (NotAttempted, with one RateLimited error that says when the limit frees up); -Journal lets a rerun post only those.
    /// -Label problem reports a problem (Tallyfy's problem endpoint: the run is locked until it is resolved with
    /// Resolve-TallyfyProblem); -RunId alone comments on the run itself.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "TallyfyComment", HelpUri = HelpLinks.Base + "Add-TallyfyComment.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyCommentResult), typeof(TallyfyComment))]
    public sealed class AddTallyfyCommentCommand : RecordBulkCmdlet<CommentOutcome>
    {
        private const string RunSet = "RunId";
        private static readonly BulkAction Comment = new BulkAction(InputKind.WorkTask, null, "Comment on", "Commenting on Tallyfy tasks", irreversible: false);
        private static readonly BulkAction Report = new BulkAction(InputKind.WorkTask, null, "Report a problem on", "Reporting problems on Tallyfy tasks", irreversible: false);
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

        /// <summary>
        /// With -TaskId, the run the tasks belong to; alone (no -TaskId), the run to comment on itself (process level).
        /// Not with pipeline input, which says its run (a task, a row with a RunId column).
        /// </summary>
        [Parameter(ParameterSetName = IdSet)]
        [Parameter(Mandatory = true, ParameterSetName = RunSet)]
        [Alias("run_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string? RunId { get; set; }

        /// <summary>Write each new comment instead of its result.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override BulkAction Action => IsProblem ? Report : Comment;

        private bool IsProblem => string.Equals(Label, "problem", StringComparison.OrdinalIgnoreCase);

        /// <summary>The marker of the item of -RunId alone: the run itself is commented on.</summary>
        private sealed class OnRun
        {
            public static readonly OnRun Instance = new OnRun();
        }

        private static bool IsOnRun(WorkItem item) => item.Data is OnRun;

        internal override string?[]? IdArgument => TaskId;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (RunId != null && Ids.Normalize(RunId) is null)
            {
                ThrowTerminatingError(Errors.InvalidId(Noun.Run, RunId, RunId));
            }

            WarnOfResolveLabel();
        }

        /// <summary>The trap of the resolve label: it is posted as asked, and resolves nothing (once per call).</summary>
        private void WarnOfResolveLabel()
        {
            if (string.Equals(Label, "resolve", StringComparison.OrdinalIgnoreCase))
            {
                WriteWarning("A comment labelled 'resolve' resolves nothing: Tallyfy stores it as a comment, and the problem and its run stay open (locked). " +
                    "The comment is posted as asked; to resolve a problem use Resolve-TallyfyProblem.");
            }
        }

        internal override IEnumerable<WorkItem> ReadInput(InputReader reader) =>
            (ParameterSetName == RunSet
                ? reader.FromIds(new[] { RunId }).Select(OfRun)
                : base.ReadInput(reader).Select(item => WorkTasks.Attach(item, Ids.Normalize(RunId))))
            .Select(item =>
            {
                _ordinals[item] = ++_read; // the item's place in the input: the same task may be given many times
                return item;
            });

        /// <summary>-RunId alone: the item is the run itself.</summary>
        private static WorkItem OfRun(WorkItem item)
        {
            if (item.Refusal is null)
            {
                item.Data = OnRun.Instance;
                item.Known = new RecordState(item.Known.State, item.Known.Name, item.Known.ArchivedAt, item.Id, item.Known.ServerDate);
            }

            return item;
        }

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
            return Ops.AddCommentAsync(org, IsOnRun(item) ? null : item.Id, (item.Data as TallyfyTask)?.RunId ?? item.RunId, Text, Label.ToLowerInvariant(), States[Visibility],
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
                TaskId = IsOnRun(item) ? string.Empty : made?.TaskId ?? item.Id,
                RunId = made?.RunId ?? (item.Data as TallyfyTask)?.RunId ?? item.RunId,
                TaskTitle = (item.Data as TallyfyTask)?.Title ?? item.Name,
                Status = StatusOf(outcome.Status),
                Comment = made,
            };
        }

        /// <summary>A refused task is in the output as well as its error: an exported CSV accounts for every task.</summary>
        internal override TallyfyOperationResult? RefusedResult(WorkItem item, ErrorRecord refusal) => PassThru ? null : new TallyfyCommentResult
        {
            TaskId = IsOnRun(item) ? string.Empty : item.Id,
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

        internal override string Target(WorkItem item) => IsOnRun(item) ? $"run {item.Id}" : item.Name is null ? $"task {item.Id}" : $"'{item.Name}' (task {item.Id})";

        internal override string Subject(WorkItem item, string? name) => IsOnRun(item) ? Noun.Run.Describe(item.Id, null) : base.Subject(item, name);
    }
}
