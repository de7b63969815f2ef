using System;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>
    /// The requests sent for one item. <see cref="Sent"/> is what a result reports as Attempts: every
    /// request the service received for the item, verification reads and redirects included. After a
    /// failure (429, 5xx, no answer) every further request for the item, a retry or a read that checks
    /// whether a change was applied, uses one of the session's MaxRetries; when they are spent the item
    /// gives up. The reads an item makes before its change, to decide what to send (<see cref="LookedUp"/>), use
    /// MaxRetries too, so an item whose change keeps failing sends at most MaxRetries + 1 requests in all. One item's
    /// requests run one after another; <see cref="Sent"/> may be read from any thread.
    /// </summary>
    internal sealed class RequestCounter
    {
        private int _sent;
        private int _inFlight;
        private volatile bool _settled;

        internal RequestCounter(CallContext context)
        {
            Context = context;
        }

        public CallContext Context { get; }

        /// <summary>Requests sent for this item so far.</summary>
        public int Sent => Volatile.Read(ref _sent);

        /// <summary>Requests sent after a failure (each one of MaxRetries).</summary>
        public int RetriesUsed { get; private set; }

        /// <summary>
        /// The item's position in its call's input (set when the item is taken); -1 for a request that belongs to no
        /// input item. A call that stops at its first failure sends nothing for an item after one that failed.
        /// </summary>
        public long Position { get; internal set; } = -1;

        /// <summary>True while a request of this item is under way.</summary>
        public bool InFlight => Volatile.Read(ref _inFlight) != 0;

        /// <summary>
        /// True while the item puts back a change it made only for its own sake (an archived run restored for its
        /// backup is archived again): those requests are sent even after the command's stop signal, as the item is
        /// under way and the stop awaits it; Ctrl+C still cancels them.
        /// </summary>
        public bool Undoing { get; set; }

        /// <summary>First tries of look-up reads made before the change, which count against MaxRetries (see <see cref="LookedUp"/>).</summary>
        public int LookUps { get; private set; }

        /// <summary>
        /// Says that the requests sent so far were look-ups, made to decide what to send (the read that tells whether a
        /// run is archived before restoring it): their first tries then count against MaxRetries as retries do, so the
        /// item's requests stay within MaxRetries + 1 when its change fails.
        /// </summary>
        public void LookedUp() => LookUps = Sent - RetriesUsed;

        /// <summary>Takes one retry from the budget; false when <paramref name="maxRetries"/> are spent (look-ups included).</summary>
        internal bool TryUseRetry(int maxRetries)
        {
            if (RetriesUsed + LookUps >= maxRetries)
            {
                return false;
            }

            RetriesUsed++;
            return true;
        }

        /// <summary>Throws a NotSent error when no request may start: the command stopped, or the service was judged gone.</summary>
        /// <param name="lastProblem">The failure this request would have retried, for the message.</param>
        /// <param name="action">The request's action (<see cref="TallyfyClient.ActionOf"/>): not sent when this call hit its rate limit.</param>
        internal void EnsureMaySend(string? lastProblem = null, string? action = null)
        {
            Context.Cancellation.ThrowIfCancellationRequested();
            string after = lastProblem is null ? string.Empty : $" (the last try had failed: {lastProblem})";
            if (Context.Stop.IsCancellationRequested && !Undoing)
            {
                throw TallyfyApiException.NotSent(NotSentReason.Stopped, (Sent == 0
                    ? "The command stopped before this request's turn; it was not sent"
                    : $"The command stopped before this item's next request; no further request was sent after {Words.Count(Sent, "attempt")}") + after + ".");
            }

            if (Context.Halt.Halts(Position) && !Undoing)
            {
                throw TallyfyApiException.NotSent(NotSentReason.Stopped,
                    "An earlier item failed and the command stops at its first failure (-ErrorAction Stop); " +
                    (Sent == 0 ? "this request was not sent" : $"no further request was sent for this item after {Words.Count(Sent, "attempt")}") + after + ".");
            }

            Context.Health.EnsureAvailable(after, Sent, action);
        }

        /// <summary>Under -ErrorAction Stop: this item got an answer other than success, so later items wait until it settles.</summary>
        internal void Unsettle()
        {
            if (!_settled)
            {
                Context.Halt.Unsettle(Position);
            }
        }

        /// <summary>This item's work is over: later items no longer wait for it (a request it sends later unsettles nothing).</summary>
        internal void Settle()
        {
            _settled = true;
            Context.Halt.Settle(Position);
        }

        /// <summary>Waits while an earlier item is unsettled (a call that stops at its first failure; at once otherwise).</summary>
        internal async Task WaitForEarlierItemsAsync()
        {
            if (!Context.Halt.Enabled || Undoing)
            {
                return;
            }

            using var stopOrCancel = CancellationTokenSource.CreateLinkedTokenSource(Context.Stop, Context.Cancellation);
            try
            {
                await Context.Halt.WaitForEarlierAsync(Position, stopOrCancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!Context.Cancellation.IsCancellationRequested)
            {
                // Stopped: EnsureMaySend says so.
            }
        }

        /// <summary>Whether an earlier item became unsettled (checked again just before a request starts).</summary>
        internal bool EarlierUnsettled => Context.Halt.Enabled && !Undoing && Context.Halt.EarlierUnsettled(Position);

        internal void Started()
        {
            Interlocked.Increment(ref _sent);
            Volatile.Write(ref _inFlight, 1);
        }

        internal void Finished() => Volatile.Write(ref _inFlight, 0);
    }
}
