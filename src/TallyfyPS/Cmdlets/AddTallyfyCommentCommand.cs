using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Journal;
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
    public sealed class AddTallyfyCommentCommand : RecordInputCmdlet
    {
        private const string RunSet = "RunId";
        private static readonly BulkAction Comment = new BulkAction(Noun.TaskToWork, null, "Comment on", "Commenting on Tallyfy tasks", irreversible: false);
        private static readonly BulkAction Report = new BulkAction(Noun.TaskToWork, null, "Report a problem on", "Reporting problems on Tallyfy tasks", irreversible: false);
        private static readonly Dictionary<string, string> States = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["HiddenFromGuests"] = "hide-for-guests",
            ["VisibleToGuests"] = "open",
        };

        private readonly ChangeLedger _ledger = new ChangeLedger();
        private BulkPipeline<CommentOn, CommentOutcome>? _bulk;

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

        /// <summary>
        /// A file that records each item's outcome the moment it is known (by its place in the input and its task). Run the
        /// same command again with the same journal and the comments already added get their recorded result, with nothing
        /// sent for them; the others (NotAttempted past the hourly limit, Failed) are posted.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Journal { get; set; }

        private bool IsProblem => string.Equals(Label, "problem", StringComparison.OrdinalIgnoreCase);

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // A journal of one comment: the same file with another text, label or visibility is refused (JournalMismatch).
            _bulk = new BulkPipeline<CommentOn, CommentOutcome>(this, Organization, CurrentSession.User, IsProblem ? Report : Comment, new Commenting(this), ThrottleLimit, Journal,
                () => $"Comment ({Label.ToLowerInvariant()}, {States[Visibility]}) {TextDigest(Text)}");
            if (RunId != null && Ids.Normalize(RunId) is null)
            {
                ThrowTerminatingError(Errors.InvalidId(Noun.Run, RunId, RunId));
            }

            WarnOfResolveLabel();
        }

        protected override void ProcessRecord() => _bulk!.Take(ParameterSetName == RunSet ? 1 : ArgumentCount(TaskId));

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>The trap of the resolve label: it is posted as asked, and resolves nothing (once per call).</summary>
        private void WarnOfResolveLabel()
        {
            if (string.Equals(Label, "resolve", StringComparison.OrdinalIgnoreCase))
            {
                WriteWarning("A comment labelled 'resolve' resolves nothing: Tallyfy stores it as a comment, and the problem and its run stay open (locked). " +
                    "The comment is posted as asked; to resolve a problem use Resolve-TallyfyProblem.");
            }
        }

        private static string TextDigest(string text)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            byte[] hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(text));
            return "text " + BitConverter.ToString(hash, 0, 6).Replace("-", string.Empty).ToLowerInvariant();
        }

        /// <summary>What a comment is posted on: a task (as the input gave it, where it did), or the run itself (-RunId alone).</summary>
        private sealed class CommentOn
        {
            public static readonly CommentOn TheRun = new CommentOn(null, onRun: true);

            public CommentOn(TallyfyTask? task, bool onRun = false)
            {
                Task = task;
                OnRun = onRun;
            }

            public TallyfyTask? Task { get; }

            public bool OnRun { get; }
        }

        /// <summary>Commenting on one task, or on the run (the item's state: what it is posted on).</summary>
        private sealed class Commenting : IBulkOperation<CommentOn, CommentOutcome>, IJournaled<CommentOn, CommentOutcome>, IDescribesItems<CommentOn>
        {
            private readonly AddTallyfyCommentCommand _cmdlet;
            private int _read;
            private bool _journalClaimed;

            public Commenting(AddTallyfyCommentCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            private string Organization => _cmdlet.Organization;

            private string Text => _cmdlet.Text;

            private string Label => _cmdlet.Label;

            private string Visibility => _cmdlet.Visibility;

            private bool PassThru => _cmdlet.PassThru;

            private static bool IsOnRun(WorkItem<CommentOn> item) => item.State.OnRun;

            // The item's place in the input is in its journal key: the same task may be given many times, each a comment of
            // its own, and the task in the key keeps an edited input (another task at that place) from being taken for an
            // item already posted.
            public IEnumerable<WorkItem<CommentOn>> Read(InputReader reader) =>
                (_cmdlet.ParameterSetName == RunSet
                    ? reader.FromIds(new[] { _cmdlet.RunId }).Select(OfRun)
                    : _cmdlet.Input(reader, _cmdlet.TaskId).Select(item => WorkTasks.Attach(item, Ids.Normalize(_cmdlet.RunId))).Select(item => new WorkItem<CommentOn>(item, new CommentOn(WorkTasks.TaskOf(item)))))
                .Select(item =>
                {
                    item.Key = $"item {(++_read).ToString(System.Globalization.CultureInfo.InvariantCulture)}\t{item.Id}";
                    return item;
                });

            /// <summary>-RunId alone: the item is the run itself.</summary>
            private static WorkItem<CommentOn> OfRun(WorkItem item)
            {
                if (item.Refusal is null)
                {
                    item.Known = new RecordState(item.Known.State, item.Known.Name, item.Known.ArchivedAt, item.Id, item.Known.ServerDate);
                    return new WorkItem<CommentOn>(item, CommentOn.TheRun);
                }

                return new WorkItem<CommentOn>(item, new CommentOn(null));
            }

            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<CommentOn> item, bool nameWanted) => null;

            public Verdict<CommentOutcome> Decide(WorkItem<CommentOn> item) => Verdict<CommentOutcome>.Go;

            // Past Tallyfy's hourly cap (a wait longer than -MaxWaitSec) the request is not sent: NotAttempted, and the
            // pipeline writes one RateLimited error for the call.
            public async Task<CommentOutcome> SendAsync(WorkItem<CommentOn> item, RequestCounter requests)
            {
                string? taskId = IsOnRun(item) ? null : item.Id;
                string? runId = item.State.Task?.RunId ?? item.RunId;
                long author = _cmdlet.CurrentSession.User.Id;
                if (item.WasInterruptedAt(ChangeSteps.Commenting) && _cmdlet._bulk!.JournalFile is JournalFile journal)
                {
                    // An earlier call of this journal sent this comment and never learnt whether it was posted: look for
                    // it, never post it blindly again (Tallyfy has no idempotency key).
                    ClaimJournaled(journal);
                    CommentOutcome? earlier = await Ops.FindInterruptedCommentAsync(Organization, taskId, runId, Text, author, journal.Header.CreatedAt, _cmdlet._ledger, requests)
                        .ConfigureAwait(false);
                    if (earlier != null)
                    {
                        return earlier;
                    }
                }

                item.Note(ChangeSteps.Commenting);
                return await Ops.AddCommentAsync(Organization, taskId, runId, Text, Label.ToLowerInvariant(), States[Visibility], author, _cmdlet._ledger, requests)
                    .ConfigureAwait(false);
            }

            /// <summary>The comments the journal records as posted are this call's too: a search for an interrupted one never takes them.</summary>
            private void ClaimJournaled(JournalFile journal)
            {
                lock (_cmdlet._ledger)
                {
                    if (_journalClaimed)
                    {
                        return;
                    }

                    foreach (JournalEntry entry in journal.Entries.Values)
                    {
                        if (entry.Result is TallyfyCommentResult recorded && recorded.CommentId.Length > 0)
                        {
                            _cmdlet._ledger.Claim(recorded.CommentId);
                        }
                    }

                    _journalClaimed = true;
                }
            }

            public object? Output(WorkItem<CommentOn> item, CommentOutcome? outcome)
            {
                if (outcome is null)
                {
                    return RefusedResult(item);
                }

                if (outcome.Status == ChangeStatus.Done && outcome.Record != null)
                {
                    outcome.Record.Author ??= _cmdlet.CurrentSession.User;
                }

                return PassThru ? (outcome.Status == ChangeStatus.Done ? outcome.Record : null) : ToResult(item, outcome);
            }

            /// <summary>The journal records each item's result (also under -PassThru, which writes the comment instead).</summary>
            public TallyfyOperationResult? Record(WorkItem<CommentOn> item, CommentOutcome outcome, object? output) =>
                output as TallyfyOperationResult ?? ToResult(item, outcome);

            /// <summary>What a rerun writes for an item settled in the journal: its result (-PassThru: nothing, the comment was written by the earlier call).</summary>
            public object? Replay(TallyfyOperationResult recorded) => PassThru ? null : recorded;

            public ItemWords Describe(WorkItem<CommentOn> item) => IsOnRun(item)
                ? new ItemWords($"run {item.Id}", Noun.Run.Describe(item.Id, null), $"Check with Get-TallyfyComment -RunId {item.Id}.")
                : new ItemWords(item.Name is null ? $"task {item.Id}" : $"'{item.Name}' (task {item.Id})", Noun.Task.Describe(item.Id, item.Name),
                    $"Check with Get-TallyfyComment -TaskId {item.Id}.");

            private static TallyfyOperationResult ToResult(WorkItem<CommentOn> item, CommentOutcome outcome)
            {
                TallyfyComment? made = outcome.Status == ChangeStatus.Done ? outcome.Record : null;
                return new TallyfyCommentResult
                {
                    CommentId = made?.Id ?? string.Empty,
                    TaskId = IsOnRun(item) ? string.Empty : made?.TaskId ?? item.Id,
                    RunId = made?.RunId ?? item.State.Task?.RunId ?? item.RunId,
                    TaskTitle = item.State.Task?.Title ?? item.Name,
                    Status = StatusOf(outcome.Status),
                    Comment = made,
                };
            }

            /// <summary>A refused task is in the output as well as its error: an exported CSV accounts for every task.</summary>
            private TallyfyOperationResult? RefusedResult(WorkItem<CommentOn> item) => PassThru ? null : new TallyfyCommentResult
            {
                TaskId = IsOnRun(item) ? string.Empty : item.Id,
                RunId = item.State.Task?.RunId ?? item.RunId,
                TaskTitle = item.State.Task?.Title ?? item.Name,
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
        }
    }
}
