using System.Collections.Generic;
using System.Management.Automation;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Parameters only: what the bulk cmdlets that declare their own id parameter take besides it: anything from the
    /// pipeline (-InputObject: ids, records, results of other TallyfyPS cmdlets, Import-Csv rows), -Force and -ThrottleLimit.
    /// </summary>
    public abstract class RecordInputCmdlet : SessionCmdlet
    {
        internal const string IdSet = "Id";
        internal const string ObjectSet = "InputObject";

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
        internal IEnumerable<WorkItem> Input(InputReader reader, string?[]? ids) =>
            ParameterSetName == ObjectSet ? reader.FromObjects(InputObject) : reader.FromIds(ids);

        /// <summary>How many items the call was given as an argument (for progress).</summary>
        internal int? ArgumentCount(string?[]? ids) => ParameterSetName == ObjectSet ? InputObject?.Length : ids?.Length;
    }
}
