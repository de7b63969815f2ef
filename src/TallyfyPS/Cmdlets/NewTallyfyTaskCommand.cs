using System;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Creates one-off (standalone) tasks: one result per input (Created, Refused, Failed) that pipes on as its task;
    /// -PassThru writes the new task instead.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "TallyfyTask", HelpUri = HelpLinks.Base + "New-TallyfyTask.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TallyfyTaskCreationResult), typeof(TallyfyTask))]
    public sealed class NewTallyfyTaskCommand : SessionCmdlet
    {
        private readonly System.Collections.Generic.HashSet<string> _limitsTold = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>The task's title.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 600)]
        [TextArgument]
        public string Title { get; set; } = string.Empty;

        /// <summary>When the task is due.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("DueDate")]
        [DateArgument]
        public DateTimeOffset? Deadline { get; set; }

        /// <summary>Who to assign the task to: user ids, emails or users (members), guests' emails, groups' ids or names.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("OwnerId", "Assignee")]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public object[]? Owner { get; set; }

        /// <summary>An email that is neither a member's nor a guest's is a new guest: Tallyfy invites it (and e-mails it). Without it such an email is refused (OwnerNotFound).</summary>
        [Parameter]
        public SwitchParameter AllowNewGuest { get; set; }

        /// <summary>The kind of task. Default task.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("task", "approval", "expiring", "email", "expiring_email", IgnoreCase = true)]
        public string TaskType { get; set; } = "task";

        /// <summary>What the task asks for.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Summary")]
        [TextArgument(MultiLine = true)]
        public string? Description { get; set; }

        /// <summary>Write each new task instead of its result.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (TextArguments.Problem(this, Title) is ErrorRecord badText)
            {
                Refused(badText, 0); // a row of a CSV: this task is not created, the next row is read
                return;
            }

            string org = Organization;
            if (!ShouldProcess($"'{Title}' in organization {org}", "Create one-off task"))
            {
                return;
            }

            TallyfyOperations ops = Ops;
            TallyfyApi api = ops.Api;
            ResolvedOwners owners = OwnerArguments.Resolve(this, ops, org, Owner, OwnerKinds.All, "-Owner", AllowNewGuest);
            var task = new NewOneOffTask(Title) { TaskType = TaskType, Owners = owners, Deadline = Deadline, Description = Description };
            RequestCounter requests = Context.NewCounter();
            try
            {
                TallyfyTask made = Run(_ => api.CreateTaskAsync(org, task, requests));
                WriteObject(PassThru ? (object)made : ResultStamp.Stamp(CurrentSession.User, new TallyfyTaskCreationResult
                {
                    TaskId = made.Id,
                    Title = made.Title,
                    Status = TallyfyCreationStatus.Created,
                    Task = made,
                }, org, requests.Sent, null));
            }
            catch (TallyfyApiException ex)
            {
                // A rate limit longer than -MaxWaitSec (the guest-invite cap): NotAttempted, and one error for the call.
                RateLimitInfo? limit = ex.Kind == TallyfyErrorKind.NotSent ? ex.Limit : null;
                ErrorRecord failed = limit != null
                    ? Errors.RateLimited(limit, MyInvocation.MyCommand.Name, Noun.Task, null, takesJournal: false, Title)
                    : Errors.CreateFailed(ex, Noun.Task, Title, Title, requests.Sent);
                if (!PassThru)
                {
                    WriteObject(ResultStamp.Stamp(CurrentSession.User, new TallyfyTaskCreationResult
                    {
                        Title = Title,
                        Status = limit != null ? TallyfyCreationStatus.NotAttempted : TallyfyCreationStatus.Failed,
                    }, org, requests.Sent, ResultStamp.MessageOf(failed), ex));
                }

                if (limit is null || _limitsTold.Add(limit.Action))
                {
                    WriteError(failed);
                }
            }
        });

        /// <summary>An input refused before anything was sent: its Refused result (an audit of every input), then its error.</summary>
        private void Refused(ErrorRecord refusal, int attempts)
        {
            if (!PassThru)
            {
                WriteObject(ResultStamp.Stamp(CurrentSession.User, new TallyfyTaskCreationResult { Title = Title, Status = TallyfyCreationStatus.Refused },
                    Organization, attempts, ResultStamp.MessageOf(refusal)));
            }

            WriteError(refusal);
        }

        protected override void EndProcessing() => Completed();
    }
}
