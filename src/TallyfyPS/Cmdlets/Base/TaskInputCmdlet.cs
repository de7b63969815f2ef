using System.Collections.Generic;
using System.Management.Automation;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Parameters only: the input of the bulk task cmdlets: ids of one-off tasks as arguments (-Id), or anything from the
    /// pipeline (-InputObject), with -Force and -ThrottleLimit.
    /// </summary>
    public abstract class TaskInputCmdlet : SessionCmdlet
    {
        internal const string IdSet = "Id";
        internal const string ObjectSet = "InputObject";

        /// <summary>Ids of the one-off tasks.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("TaskId", "task_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string?[]? Id { get; set; }

        /// <summary>Records, ids, results of other TallyfyPS cmdlets, or objects with an id property, from the pipeline.</summary>
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

        /// <summary>The items of this ProcessRecord call: the ids given, or what came from the pipeline.</summary>
        internal IEnumerable<WorkItem> Input(InputReader reader) =>
            ParameterSetName == ObjectSet ? reader.FromObjects(InputObject) : reader.FromIds(Id);

        /// <summary>How many items the call was given as an argument (for progress).</summary>
        internal int? ArgumentCount => ParameterSetName == ObjectSet ? InputObject?.Length : Id?.Length;
    }
}
