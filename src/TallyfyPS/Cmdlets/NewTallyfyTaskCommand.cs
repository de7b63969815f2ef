using System;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Creates a one-off (standalone) task.</summary>
    [Cmdlet(VerbsCommon.New, "TallyfyTask", HelpUri = HelpLinks.Base + "New-TallyfyTask.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TallyfyTask))]
    public sealed class NewTallyfyTaskCommand : SessionCmdlet
    {
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

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (TextArguments.Problem(this, Title) is ErrorRecord badText)
            {
                WriteError(badText); // a row of a CSV: this task is not created, the next row is read
                return;
            }

            string org = Organization;
            if (!ShouldProcess($"'{Title}' in organization {org}", "Create one-off task"))
            {
                return;
            }

            TallyfyApi api = Api;
            ResolvedOwners owners = OwnerArguments.Resolve(this, api, org, Owner, OwnerKinds.All, "-Owner", AllowNewGuest);
            var task = new NewOneOffTask(Title) { TaskType = TaskType, Owners = owners, Deadline = Deadline, Description = Description };
            RequestCounter requests = Context.NewCounter();
            try
            {
                WriteObject(Run(_ => api.CreateTaskAsync(org, task, requests)));
            }
            catch (TallyfyApiException ex)
            {
                WriteError(Errors.CreateFailed(ex, Noun.Task, Title, Title, requests.Sent));
            }
        });

        protected override void EndProcessing() => Completed();
    }
}
