using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Parameters only: the input of the cmdlets that work on tasks of runs and one-off tasks alike (complete, reopen,
    /// update): task ids as arguments with -RunId where the run is not otherwise known, or anything from the pipeline
    /// (tasks, ids, results of the task cmdlets, rows with a TaskId and a RunId column), with -Force and -ThrottleLimit.
    /// </summary>
    public abstract class WorkTaskInputCmdlet : SessionCmdlet
    {
        internal const string IdSet = "Id";
        internal const string ObjectSet = "InputObject";

        /// <summary>Ids of the tasks.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("TaskId", "task_id")]
        [AllowEmptyString]
        [AllowNull]
        public string?[]? Id { get; set; }

        /// <summary>The run the tasks belong to, where the input does not say (the tasks are read through it).</summary>
        [Parameter]
        [Alias("run_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string? RunId { get; set; }

        /// <summary>Tasks, ids, results of the task cmdlets, or rows with a task id, from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>Do not prompt. -WhatIf still wins.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many requests may be in flight at once. Default 16.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>The items of this ProcessRecord call, each with its run where the input or -RunId says it.</summary>
        internal IEnumerable<WorkItem> Input(InputReader reader) =>
            (ParameterSetName == ObjectSet ? reader.FromObjects(InputObject) : reader.FromIds(Id)).Select(item => WorkTasks.Attach(item, Ids.Normalize(RunId)));

        /// <summary>How many items the call was given as an argument (for progress).</summary>
        internal int? ArgumentCount => ParameterSetName == ObjectSet ? InputObject?.Length : Id?.Length;

        /// <summary>A -RunId that is no id stops the call (after the pipeline is made, as it always has).</summary>
        internal void CheckRunId()
        {
            if (RunId != null && Ids.Normalize(RunId) is null)
            {
                ThrowTerminatingError(Errors.InvalidId(Noun.Run, RunId, RunId));
            }
        }
    }
}
