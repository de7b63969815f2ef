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
    /// comments an hour from an organization: once it says the limit is reached, the comments left are not sent, each
    /// with an error that says when the limit frees up.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "TallyfyComment", HelpUri = HelpLinks.Base + "Add-TallyfyComment.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyCommentResult), typeof(TallyfyComment))]
    public sealed class AddTallyfyCommentCommand : RecordInputCmdlet
    {
        private static readonly BulkAction Comment = new BulkAction(Noun.TaskToWork, null, "Comment on", "Commenting on Tallyfy tasks", irreversible: false);
        private static readonly Dictionary<string, string> States = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["HiddenFromGuests"] = "hide-for-guests",
            ["VisibleToGuests"] = "open",
        };

        private readonly ChangeLedger _ledger = new ChangeLedger();
        private BulkPipeline<TallyfyTask?, CommentOutcome>? _bulk;

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

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _bulk = new BulkPipeline<TallyfyTask?, CommentOutcome>(this, Organization, CurrentSession.User, Comment, new Commenting(this), ThrottleLimit);
            if (RunId != null && Ids.Normalize(RunId) is null)
            {
                ThrowTerminatingError(Errors.InvalidId(Noun.Run, RunId, RunId));
            }
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount(TaskId));

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Commenting on one task (the item's state: the task, where the input gave it).</summary>
        private sealed class Commenting : IBulkOperation<TallyfyTask?, CommentOutcome>
        {
            private readonly AddTallyfyCommentCommand _cmdlet;

            public Commenting(AddTallyfyCommentCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyApi Api => _cmdlet.Api;

            private string Organization => _cmdlet.Organization;

            private string Text => _cmdlet.Text;

            private string Label => _cmdlet.Label;

            private string Visibility => _cmdlet.Visibility;

            private bool PassThru => _cmdlet.PassThru;

            public IEnumerable<WorkItem<TallyfyTask?>> Read(InputReader reader) =>
                _cmdlet.Input(reader, _cmdlet.TaskId).Select(item => WorkTasks.Attach(item, Ids.Normalize(_cmdlet.RunId))).Select(item => new WorkItem<TallyfyTask?>(item, WorkTasks.TaskOf(item)));

            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<TallyfyTask?> item, bool nameWanted) => null;

            public Verdict<CommentOutcome> Decide(WorkItem<TallyfyTask?> item) => Verdict<CommentOutcome>.RefuseIf(
                Api.CommentLimitUntil(Organization) is DateTimeOffset until ? Errors.CommentLimitReached(Noun.Task.Describe(item.Id, item.Name), until, sent: false, item.Target) : null);

            public async Task<CommentOutcome> SendAsync(WorkItem<TallyfyTask?> item, RequestCounter requests)
            {
                string org = Organization;
                if (Api.CommentLimitUntil(org) is DateTimeOffset until)
                {
                    // The limit was reached while this one waited its turn: it is not sent.
                    return Limited(item, new CommentOutcome
                    {
                        Name = Text,
                        Status = ChangeStatus.Failed,
                        LimitedUntil = until,
                        Error = new TallyfyApiException(TallyfyErrorKind.RateLimited, "Tallyfy's comment limit is reached.", 429),
                        Message = $"Not sent: Tallyfy's comment limit is reached until {until.UtcDateTime:HH:mm:ss} UTC.",
                    });
                }

                return Limited(item, await Api.AddCommentAsync(org, item.Id, item.State?.RunId ?? item.RunId, Text, Label.ToLowerInvariant(), States[Visibility],
                    _cmdlet.CurrentSession.User.Id, _cmdlet._ledger, requests).ConfigureAwait(false));
            }

            /// <summary>A comment refused for Tallyfy's hourly limit has an error that says when the limit frees up.</summary>
            private CommentOutcome Limited(WorkItem item, CommentOutcome outcome)
            {
                if (outcome.LimitedUntil is DateTimeOffset until)
                {
                    item.Error = Errors.CommentLimitReached(Noun.Task.Describe(item.Id, item.Name), until, sent: outcome.MutationSent, item.Target);
                }

                return outcome;
            }

            public object? Output(WorkItem<TallyfyTask?> item, CommentOutcome? outcome)
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

            private static TallyfyOperationResult ToResult(WorkItem<TallyfyTask?> item, CommentOutcome outcome)
            {
                TallyfyComment? made = outcome.Status == ChangeStatus.Done ? outcome.Record : null;
                return new TallyfyCommentResult
                {
                    CommentId = made?.Id ?? string.Empty,
                    TaskId = made?.TaskId ?? item.Id,
                    RunId = made?.RunId ?? item.State?.RunId ?? item.RunId,
                    TaskTitle = item.State?.Title ?? item.Name,
                    Status = StatusOf(outcome.Status),
                    Comment = made,
                };
            }

            /// <summary>A refused task is in the output as well as its error: an exported CSV accounts for every task.</summary>
            private TallyfyOperationResult? RefusedResult(WorkItem<TallyfyTask?> item) => PassThru ? null : new TallyfyCommentResult
            {
                TaskId = item.Id,
                RunId = item.State?.RunId ?? item.RunId,
                TaskTitle = item.State?.Title ?? item.Name,
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
