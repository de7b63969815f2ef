using System;
using System.Management.Automation;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Waits until runs reach a status (complete by default) and returns each as it does; a WaitTimedOut error, with the
    /// run as last seen, for each that does not within -Timeout. Many runs are waited for in one poll loop; -Any returns
    /// the first.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "TallyfyRun", HelpUri = HelpLinks.Base + "Wait-TallyfyRun.md", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(TallyfyRun))]
    public sealed class WaitTallyfyRunCommand : SessionCmdlet
    {
        private const string IdSet = "Id";
        private const string ObjectSet = "InputObject";
        private WaitLoop<TallyfyRun>? _loop;

        /// <summary>Ids of the runs to wait for.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("RunId", "run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string?[]? Id { get; set; }

        /// <summary>From the pipeline: runs, run ids, launch results and results of the run cmdlets, or objects with an Id, RunId or run_id property.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>The status to wait for (several: any of them). Default complete.</summary>
        [Parameter]
        [ValidateSet("complete", "active", "problem", "delayed", "issue", "improvement", IgnoreCase = true)]
        public string[] Status { get; set; } = { "complete" };

        /// <summary>How long to wait in all, in seconds or as a time span. Default 1 hour.</summary>
        [Parameter]
        [DurationArgument]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

        /// <summary>The first pause between two checks, in seconds or as a time span (longer while nothing changes, up to 2 minutes). Default 10 seconds.</summary>
        [Parameter]
        [DurationArgument]
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Return the first run that reaches the status, and stop waiting for the others.</summary>
        [Parameter]
        public SwitchParameter Any { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            WaitArguments.Check(this, Timeout, Interval);
            string org = Organization;
            var api = Api;
            _loop = new WaitLoop<TallyfyRun>(this, Noun.Run, Status, (id, requests) => api.GetRunAsync(org, id, Client.RunInclude.None, requests),
                run => run.Status, run => run.Name);
        }

        protected override void ProcessRecord() => Guarded(() =>
        {
            var reader = new InputReader(Noun.Run.Input, Organization, MyInvocation.MyCommand.Name);
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
