using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>
    /// For a call that stops at its first failure (-ErrorAction Stop): the position, in input order, of the first
    /// item that was refused or failed. No request starts for an item after it (a read, a change, a retry, the next
    /// step of a change under way), whether or not the earlier items' results have been written; items before it
    /// go on, as they would have one at a time. Off (nothing is ever halted) unless <see cref="Enabled"/>.
    /// <para>
    /// A failure is often known only after a second answer (a 404 is checked against the archived list; a lost
    /// connection is checked with a read). So an item that got an answer other than success is <em>unsettled</em>
    /// until its work ends, and no request for a later item starts meanwhile: when the failure becomes known,
    /// nothing for a later item has started since the first sign of it. Only the items after an unsettled one wait;
    /// the unsettled item itself never waits for a throttle slot a later item holds.
    /// </para>
    /// </summary>
    internal sealed class HaltLine
    {
        private readonly object _gate = new object();
        private readonly SortedSet<long> _unsettled = new SortedSet<long>();
        private TaskCompletionSource<bool> _changed = NewSignal();
        private long _at = long.MaxValue;

        /// <summary>Whether the call stops at its first failure.</summary>
        public bool Enabled { get; set; }

        /// <summary>The position of the first item that failed; long.MaxValue while none has.</summary>
        public long At => Interlocked.Read(ref _at);

        /// <summary>True once an item failed, so that no request starts for the items after it.</summary>
        public bool IsHalted => At != long.MaxValue;

        /// <summary>The item at <paramref name="position"/> was refused or failed: nothing more starts for any later item.</summary>
        public void Fail(long position)
        {
            if (!Enabled || position < 0)
            {
                return;
            }

            long seen = Interlocked.Read(ref _at);
            while (position < seen)
            {
                long was = Interlocked.CompareExchange(ref _at, position, seen);
                if (was == seen)
                {
                    Signal(); // those waiting behind an unsettled item now find themselves halted
                    return;
                }

                seen = was;
            }
        }

        /// <summary>Whether no request may start for the item at <paramref name="position"/> (a later item than one that failed).</summary>
        public bool Halts(long position) => position >= 0 && position > At;

        /// <summary>The item at <paramref name="position"/> got an answer other than success: later items wait until it settles.</summary>
        internal void Unsettle(long position)
        {
            if (!Enabled || position < 0)
            {
                return;
            }

            lock (_gate)
            {
                _unsettled.Add(position);
            }
        }

        /// <summary>The item's work is over (its failure, if any, already marked): later items go on.</summary>
        internal void Settle(long position)
        {
            lock (_gate)
            {
                if (!_unsettled.Remove(position))
                {
                    return;
                }
            }

            Signal();
        }

        /// <summary>Whether the item at <paramref name="position"/> is unsettled (its work then takes no throttle slot).</summary>
        internal bool IsUnsettled(long position)
        {
            lock (_gate)
            {
                return _unsettled.Contains(position);
            }
        }

        /// <summary>Whether an item before <paramref name="position"/> is unsettled.</summary>
        internal bool EarlierUnsettled(long position)
        {
            lock (_gate)
            {
                return position >= 0 && _unsettled.Count > 0 && _unsettled.Min < position;
            }
        }

        /// <summary>Waits while an item before <paramref name="position"/> is unsettled (returns at once when none is, or once halted).</summary>
        internal async Task WaitForEarlierAsync(long position, CancellationToken cancellation)
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (position < 0 || _unsettled.Count == 0 || _unsettled.Min >= position || Halts(position))
                    {
                        return;
                    }

                    changed = _changed.Task;
                }

                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellation.Register(() => cancelled.TrySetResult(true)))
                {
                    await Task.WhenAny(changed, cancelled.Task).ConfigureAwait(false);
                }

                cancellation.ThrowIfCancellationRequested();
            }
        }

        private void Signal()
        {
            TaskCompletionSource<bool> changed;
            lock (_gate)
            {
                changed = _changed;
                _changed = NewSignal();
            }

            changed.TrySetResult(true);
        }

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
