using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// What one call has learnt of its runs' open issues. Tallyfy refuses every change to the tasks of a run whose
    /// issue is open (422 "This process has an open issue..."): once a run is known locked (from that answer, or from a
    /// run read with <c>has_open_issue</c>), no further change to its tasks is sent. While the lock of a run is unknown,
    /// its first change goes alone and the others wait for its answer, so a call with many tasks of one locked run
    /// sends one request to learn it.
    /// </summary>
    internal sealed class RunLocks
    {
        /// <summary>The error code the client gives a change not sent because its run is locked.</summary>
        public const string OpenIssueCode = "RUN_HAS_OPEN_ISSUE";

        private enum Known { Unknown, Probing, Open, Locked }

        private readonly object _gate = new object();
        private readonly Dictionary<string, Known> _runs = new Dictionary<string, Known>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, TaskCompletionSource<bool>> _probes = new Dictionary<string, TaskCompletionSource<bool>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>True when Tallyfy's answer says the task's run has an open issue.</summary>
        public static bool IsLockAnswer(TallyfyApiException? error) =>
            error != null && (error.ErrorCode == OpenIssueCode ||
                (error.StatusCode == 422 && error.Message.IndexOf("open issue", StringComparison.OrdinalIgnoreCase) >= 0));

        /// <summary>The error of a change that was not sent because its run is known locked.</summary>
        public static TallyfyApiException NotSent() =>
            new TallyfyApiException(TallyfyErrorKind.Invalid, "The run has an open issue; Tallyfy changes none of its tasks until it is resolved.", null, OpenIssueCode);

        public bool IsLocked(string? runId)
        {
            if (runId is null)
            {
                return false;
            }

            lock (_gate)
            {
                return _runs.TryGetValue(runId, out Known k) && k == Known.Locked;
            }
        }

        /// <summary>Notes what a read of the run said (has_open_issue): locked, or open for changes.</summary>
        public void Learn(string? runId, bool locked)
        {
            if (runId != null)
            {
                Settle(runId, locked ? Known.Locked : Known.Open);
            }
        }

        /// <summary>
        /// Sends a change to a task of <paramref name="runId"/> unless the run is known locked (null then: nothing was
        /// sent). The first change of a run whose lock is unknown goes alone; the others wait for its answer.
        /// </summary>
        /// <param name="lockedBy">Whether an outcome is Tallyfy's refusal for an open issue.</param>
        public async Task<T?> SendAsync<T>(string? runId, Func<Task<T>> send, Func<T, bool> lockedBy)
            where T : class
        {
            if (runId is null)
            {
                return await send().ConfigureAwait(false);
            }

            bool probe = false;
            while (true)
            {
                Task<bool>? wait = null;
                lock (_gate)
                {
                    _runs.TryGetValue(runId, out Known k);
                    if (k == Known.Locked)
                    {
                        return null;
                    }

                    if (k == Known.Probing)
                    {
                        wait = _probes[runId].Task;
                    }
                    else if (k == Known.Unknown)
                    {
                        _runs[runId] = Known.Probing;
                        _probes[runId] = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                        probe = true;
                    }
                }

                if (wait is null)
                {
                    break;
                }

                await wait.ConfigureAwait(false);
            }

            Known after = Known.Unknown;
            try
            {
                T outcome = await send().ConfigureAwait(false);
                after = lockedBy(outcome) ? Known.Locked : outcome is RecordOutcome { Error: null } ? Known.Open : Known.Unknown;
                return outcome;
            }
            finally
            {
                if (probe || after == Known.Locked)
                {
                    Settle(runId, after);
                }
            }
        }

        /// <summary>Records what is known of the run and lets the changes waiting for its probe go on.</summary>
        private void Settle(string runId, Known known)
        {
            TaskCompletionSource<bool>? waiting;
            lock (_gate)
            {
                _probes.TryGetValue(runId, out waiting);
                _probes.Remove(runId);
                bool settledMeanwhile = _runs.TryGetValue(runId, out Known now) && (now == Known.Locked || now == Known.Open);
                if (known != Known.Unknown || !settledMeanwhile)
                {
                    _runs[runId] = known;
                }
            }

            waiting?.TrySetResult(known == Known.Locked);
        }
    }
}
