using System.Collections.Generic;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The input of the bulk cmdlets that act on existing records: ids as arguments (-Id, declared by the run and
    /// task bases with their aliases), or anything from the pipeline (-InputObject: ids, records, results of other
    /// TallyfyPS cmdlets, Import-Csv rows), and -Force.
    /// </summary>
    public abstract class RecordBulkCmdlet<TOutcome> : BulkCmdlet<TOutcome>
        where TOutcome : RecordOutcome, new()
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

        /// <summary>The -Id argument, declared by the run or task base.</summary>
        internal abstract string?[]? IdArgument { get; }

        internal override int? ArgumentCount => ParameterSetName == ObjectSet ? InputObject?.Length : IdArgument?.Length;

        internal override IEnumerable<WorkItem> ReadInput(InputReader reader) =>
            ParameterSetName == ObjectSet ? reader.FromObjects(InputObject) : reader.FromIds(IdArgument);
    }
}
