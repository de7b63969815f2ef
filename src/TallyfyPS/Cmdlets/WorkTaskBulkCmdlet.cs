using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

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

        // ------------------------------------------------------------------ runs locked by an open issue

        /// <summary>What this call has learnt of its runs' open issues (Tallyfy refuses changes to a locked run's tasks).</summary>
        private readonly RunLocks _locks = new RunLocks();

        /// <summary>
        /// The refusal of a task whose run, as the input read it (Get-TallyfyTask -Include Run), has an open issue: nothing
        /// is sent for it. A lock learnt during the call (a 422 for another task of the run) is told through the send
        /// (<see cref="UnlessLockedAsync"/>: a Failed result and the same error, nothing sent), so what an item writes
        /// does not depend on which of the concurrent items learnt it first.
        /// </summary>
        internal ErrorRecord? LockedRefusal(WorkItem item, TallyfyTask? task)
        {
            string? runId = task?.RunId ?? item.RunId;
            if (!(task?.Run is TallyfyRun { HasOpenIssue: true } run) || !string.Equals(run.Id, runId, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            _locks.Learn(runId, locked: true);
            return Errors.RunHasOpenIssue(Subject(item, task.Title), runId!, run.Name, sent: false, item.Target);
        }

        /// <summary>
        /// Sends the change unless the task's run is known locked; while that is unknown, the first change of the run goes
        /// alone and the others wait for its answer (so many tasks of one locked run cost one request).
        /// </summary>
        internal async Task<TOutcome> UnlessLockedAsync(WorkItem item, TallyfyTask? task, Func<Task<TOutcome>> send)
        {
            TOutcome? outcome = await _locks.SendAsync(task?.RunId ?? item.RunId, send, o => RunLocks.IsLockAnswer(o.Error)).ConfigureAwait(false);
            if (outcome != null)
            {
                return outcome;
            }

            var notSent = new TOutcome { Name = task?.Title ?? item.Name };
            notSent.Fail(RunLocks.NotSent(), 0);
            return notSent;
        }

        /// <summary>The error of a change refused (or not sent) for its run's open issue, or null for any other error.</summary>
        internal ErrorRecord? LockedError(WorkItem item, TallyfyTask? task, TOutcome outcome, TallyfyApiException error) =>
            RunLocks.IsLockAnswer(error) && (task?.RunId ?? item.RunId) is string runId
                ? Errors.RunHasOpenIssue(Subject(item, task?.Title ?? item.Name ?? outcome.Name), runId, task?.Run?.Name, sent: error.StatusCode != null, item.Target)
                : null;

        /// <summary>The task as read, or as the input gave it (a TallyfyTask); null until then.</summary>
        internal static TallyfyTask? TaskOf(WorkItem item) => item.Data as TallyfyTask ?? (item.Data as TaskSnapshot)?.Task;
    }
}
