using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The bulk task cmdlets' -Id: one-off task ids as arguments (from the pipeline, use -InputObject).</summary>
    public abstract class TaskBulkCmdlet<TOutcome> : RecordBulkCmdlet<TOutcome>
        where TOutcome : RecordOutcome, new()
    {
        /// <summary>Ids of the one-off tasks.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("TaskId", "task_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string?[]? Id { get; set; }

        internal override string?[]? IdArgument => Id;
    }
}
