using System;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// What the task-working operations (Complete-TallyfyTask, Undo-TallyfyTaskCompletion, Set-TallyfyTask) share about
    /// runs locked by an open issue: Tallyfy refuses every change to such a run's tasks (422). One per call, kept by the
    /// operation: a run the input read with the task (-Include Run, HasOpenIssue) refuses its tasks before any request;
    /// while a run's lock is unknown its first change goes alone and the others wait for its answer (<see cref="RunLocks"/>),
    /// so many tasks of one locked run cost one request; a change refused or not sent for the lock writes RunHasOpenIssue.
    /// </summary>
    internal sealed class LockedRuns
    {
        /// <summary>What this call has learnt of its runs' open issues.</summary>
        private readonly RunLocks _locks = new RunLocks();

        /// <summary>
        /// The refusal of a task whose run, as the input read it (Get-TallyfyTask -Include Run), has an open issue: nothing
        /// is sent for it. A lock learnt during the call (a 422 for another task of the run) is told through the send
        /// (<see cref="UnlessLockedAsync{TOutcome}"/>: a Failed result and the same error, nothing sent), so what an item
        /// writes does not depend on which of the concurrent items learnt it first.
        /// </summary>
        public ErrorRecord? LockedRefusal(WorkItem item, TallyfyTask? task)
        {
            string? runId = task?.RunId ?? item.RunId;
            if (!(task?.Run is TallyfyRun { HasOpenIssue: true } run) || !string.Equals(run.Id, runId, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            _locks.Learn(runId, locked: true);
            return Errors.RunHasOpenIssue(Noun.Task.Describe(item.Id, task.Title), runId!, run.Name, sent: false, item.Target);
        }

        /// <summary>
        /// Sends the change unless the task's run is known locked; while that is unknown, the first change of the run goes
        /// alone and the others wait for its answer. An outcome refused (or not sent) for the lock carries its error on the
        /// item (<see cref="WorkItem.Error"/>: RunHasOpenIssue), which the pipeline writes.
        /// </summary>
        public async Task<TOutcome> UnlessLockedAsync<TOutcome>(WorkItem item, TallyfyTask? task, Func<Task<TOutcome>> send)
            where TOutcome : RecordOutcome, new()
        {
            TOutcome? outcome = await _locks.SendAsync(task?.RunId ?? item.RunId, send, o => RunLocks.IsLockAnswer(o.Error)).ConfigureAwait(false);
            if (outcome is null)
            {
                outcome = new TOutcome { Name = task?.Title ?? item.Name };
                outcome.Fail(RunLocks.NotSent(), 0);
            }

            if (outcome.Error is TallyfyApiException error && LockedError(item, task, outcome, error) is ErrorRecord locked)
            {
                item.Error = locked;
            }

            return outcome;
        }

        /// <summary>The error of a change refused (or not sent) for its run's open issue, or null for any other error.</summary>
        private static ErrorRecord? LockedError(WorkItem item, TallyfyTask? task, RecordOutcome outcome, TallyfyApiException error) =>
            RunLocks.IsLockAnswer(error) && (task?.RunId ?? item.RunId) is string runId
                ? Errors.RunHasOpenIssue(Noun.Task.Describe(item.Id, task?.Title ?? item.Name ?? outcome.Name), runId, task?.Run?.Name, sent: error.StatusCode != null, item.Target)
                : null;
    }
}
