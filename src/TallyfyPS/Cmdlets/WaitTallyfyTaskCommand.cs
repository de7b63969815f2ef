using System;
using System.Management.Automation;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Waits until tasks reach a status (completed by default) and returns each as it does; a WaitTimedOut error, with the
    /// task as last seen, for each that does not within -Timeout. Many tasks are waited for in one poll loop; -Any returns
    /// the first.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "TallyfyTask", HelpUri = HelpLinks.Base + "Wait-TallyfyTask.md", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(TallyfyTask))]
    public sealed class WaitTallyfyTaskCommand : SessionCmdlet
    {
        private const string IdSet = "Id";
        private const string ObjectSet = "InputObject";
        private WaitLoop<TallyfyTask>? _loop;

        /// <summary>Ids of the tasks to wait for.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("TaskId", "task_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string?[]? Id { get; set; }

        /// <summary>From the pipeline: tasks, task ids, results of the task cmdlets, or objects with an Id, TaskId or task_id property.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>
        /// The status to wait for (several: any of them). Default completed. approved and rejected wait for an approval task's
        /// completion and read how it ended; waiting for approved, a rejection is an ApprovalRejected error at once.
        /// </summary>
        [Parameter]
        [ValidateSet("completed", "approved", "rejected", "auto-skipped", "active", "in-progress", "not-started", IgnoreCase = true)]
        public string[] Status { get; set; } = { "completed" };

        /// <summary>How long to wait in all, in seconds or as a time span. Default 1 hour.</summary>
        [Parameter]
        [DurationArgument]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

        /// <summary>The first pause between two checks, in seconds or as a time span (longer while nothing changes, up to 2 minutes). Default 10 seconds.</summary>
        [Parameter]
        [DurationArgument]
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Return the first task that reaches the status, and stop waiting for the others.</summary>
        [Parameter]
        public SwitchParameter Any { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            WaitArguments.Check(this, Timeout, Interval);
            string org = Organization;
            var api = Api;
            var approvals = new ApprovalOutcomes(api, org, Status);
            _loop = new WaitLoop<TallyfyTask>(this, Noun.Task, Status, approvals.ReadAsync, approvals.StatusOf, task => task.Title)
            {
                Refuses = approvals.Refusal,
            };
        }

        protected override void ProcessRecord() => Guarded(() =>
        {
            var reader = new InputReader(Noun.Task.Input, Organization, MyInvocation.MyCommand.Name);
            foreach (WorkItem item in ParameterSetName == IdSet ? reader.FromIds(Id) : reader.FromObjects(InputObject ?? new PSObject?[] { null }))
            {
                _loop!.Add(item);
            }
        });

        protected override void EndProcessing() => Guarded(() =>
        {
            _loop!.Run(Timeout, Interval, Any, MyInvocation.MyCommand.Name);
            Completed();
        });
    }
}
