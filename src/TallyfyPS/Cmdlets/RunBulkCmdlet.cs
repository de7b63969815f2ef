using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The bulk run cmdlets' -Id: run ids as arguments (from the pipeline, use -InputObject).</summary>
    public abstract class RunBulkCmdlet<TOutcome> : RecordBulkCmdlet<TOutcome>
        where TOutcome : RecordOutcome, new()
    {
        /// <summary>Ids of the runs.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("RunId", "run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string?[]? Id { get; set; }

        internal override string?[]? IdArgument => Id;
    }
}
