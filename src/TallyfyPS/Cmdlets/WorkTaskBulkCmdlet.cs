using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The bulk cmdlets that work on tasks of runs and one-off tasks alike (complete, reopen, update): task ids as
    /// arguments with -RunId where the run is not otherwise known, or anything from the pipeline (tasks, ids, results of
    /// the task cmdlets, rows with a TaskId and a RunId column).
    /// </summary>
    public abstract class WorkTaskBulkCmdlet<TOutcome> : RecordBulkCmdlet<TOutcome>
        where TOutcome : RecordOutcome, new()
    {
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

        internal override string?[]? IdArgument => Id;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (RunId != null && Ids.Normalize(RunId) is null)
            {
                ThrowTerminatingError(Errors.InvalidId(Noun.Run, RunId, RunId));
            }
        }

        internal override IEnumerable<WorkItem> ReadInput(InputReader reader) =>
            base.ReadInput(reader).Select(item => WorkTasks.Attach(item, Ids.Normalize(RunId)));

        /// <summary>The task as read, or as the input gave it (a TallyfyTask); null until then.</summary>
        internal static TallyfyTask? TaskOf(WorkItem item) => item.Data as TallyfyTask ?? (item.Data as TaskSnapshot)?.Task;
    }
}
