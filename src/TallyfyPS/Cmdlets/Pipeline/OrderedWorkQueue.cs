using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Ordered concurrent work for one cmdlet call. Each entry may first read (concurrently), is then decided on
    /// the pipeline thread in input order (a prompt, a refusal), may then send (concurrently), and is finally
    /// written on the pipeline thread in input order. At most ThrottleLimit reads and sends run at once, and
    /// input is taken no further ahead than twice ThrottleLimit past the last result written, so memory stays flat
    /// however long the pipeline and a stopped pipeline leaves little to report.
    /// <see cref="Abandon"/> is what a stopped pipeline calls: nothing new starts, what is under way is waited
    /// for, and the entries that finished but were never written are handed back to be reported.
    /// In a call that stops at its first failure (<see cref="HaltLine"/>), an entry refused when decided or failed
    /// when its work ends halts every later entry at once: none is decided (no prompt), and none starts a read or a
    /// request, even while the failed entry waits for its turn to be written.
    /// </summary>
    internal sealed class OrderedWorkQueue
    {
        private readonly TallyfyCmdlet _owner;
        private readonly OrderedThrottle _throttle;
        private readonly int _window;
        private readonly Action _afterPump;
        private readonly List<Entry> _entries = new List<Entry>();
        private int _head;    // the first entry not yet written
        private int _decided; // the first entry not yet decided
        private long _taken;  // entries taken so far: the next entry's position
        private bool _abandoned;

        public OrderedWorkQueue(TallyfyCmdlet owner, int throttleLimit, Action? afterPump = null)
        {
            _owner = owner;
            _throttle = new OrderedThrottle(throttleLimit);
            // How far input is taken ahead of the last result written. Work done ahead of a slow item waits for its
            // turn to be written; when the pipeline stops, that is what must be told in warnings, so it stays small.
            _window = throttleLimit * 2;
            _afterPump = afterPump ?? (() => { });
        }

        /// <summary>Entries taken and not yet written.</summary>
        public int Outstanding => _entries.Count - _head;

        /// <summary>Entries written so far.</summary>
        public int Written { get; private set; }

        /// <summary>
        /// Takes an entry (first waiting while the window is full), starts its read, and moves everything that can move.
        /// <paramref name="taken"/> is told once the entry is taken (not when the pipeline stopped while it waited).
        /// </summary>
        public void Add(Entry entry, Action? taken = null)
        {
            while (Outstanding >= _window)
            {
                Pump(block: true);
            }

            entry.Position = _taken++;
            if (entry.Requests is RequestCounter requests)
            {
                requests.Position = entry.Position;
            }

            if (entry.Prepare != null && !Halt.Halts(entry.Position))
            {
                entry.Prepared = Throttled(entry.Prepare, entry, settles: false);
            }

            _entries.Add(entry);
            taken?.Invoke();
            Pump(block: false);
        }

        private HaltLine Halt => _owner.Context.Halt;

        /// <summary>Takes a read by id (the Get cmdlets'): see <see cref="Add(Entry, Action?)"/>.</summary>
        public void Add<T>(ReadEntry<T> read) => Add(read.Entry);

        /// <summary>Writes every entry, waiting for the work under way.</summary>
        public void Drain()
        {
            while (Outstanding > 0)
            {
                Pump(block: true);
            }

            _owner.Flush();
        }

        /// <summary>
        /// Decides what can be decided and writes what is finished, in input order; with <paramref name="block"/>,
        /// first waits (briefly) for the next thing that can move. Throws PipelineStoppedException after Ctrl+C.
        /// </summary>
        public void Pump(bool block)
        {
            if (block && Outstanding > 0)
            {
                WaitForProgress();
            }

            _owner.Flush();
            bool moved;
            do
            {
                moved = false;
                while (_decided < _entries.Count && (_entries[_decided].Prepared?.IsCompleted ?? true))
                {
                    Entry entry = _entries[_decided++];
                    if (Halt.Halts(entry.Position))
                    {
                        entry.Halted(); // an earlier entry failed in a call that stops at its first failure
                        entry.Requests?.Settle();
                        moved = true;
                        continue;
                    }

                    Func<CallContext, Task>? work = entry.Decide();
                    if (entry.Failed)
                    {
                        Halt.Fail(entry.Position); // refused before anything was sent for it
                    }

                    if (work != null && !entry.Failed)
                    {
                        entry.Work = Throttled(work, entry, settles: true);
                    }
                    else
                    {
                        entry.Requests?.Settle(); // decided with nothing to send: its read's answers hold back no one
                    }

                    moved = true;
                }

                while (_head < _decided && (_entries[_head].Work?.IsCompleted ?? true))
                {
                    Entry entry = _entries[_head];
                    _entries[_head++] = Entry.Done;
                    Written++;
                    try
                    {
                        entry.Write();
                    }
                    catch (Exception) when (!entry.Delivered)
                    {
                        // Nothing of it reached the pipeline (it stopped as the entry was written): report it as unwritten.
                        _entries[--_head] = entry;
                        Written--;
                        throw;
                    }

                    moved = true;
                }
            }
            while (moved);

            Compact();
            _afterPump();
            if (_owner.Stopping)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// After the pipeline stopped: waits for every read and send under way (the owner has already stopped new
        /// requests and set how long they may take), and returns the entries that were never written.
        /// </summary>
        public IReadOnlyList<Entry> Abandon()
        {
            if (_abandoned)
            {
                return Array.Empty<Entry>();
            }

            _abandoned = true;
            List<Entry> unwritten = _entries.Skip(_head).ToList();
            Task[] running = unwritten.SelectMany(e => new[] { e.Prepared, e.Work }).Where(t => t != null && !t.IsCompleted).Select(t => t!).ToArray();
            if (running.Length > 0)
            {
                // Never throws: each task's outcome is read by the report.
                Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default).Wait();
            }

            _entries.Clear();
            _head = _decided = 0;
            return unwritten;
        }

        private void WaitForProgress()
        {
            var waits = new List<Task>(2);
            if (_head < _entries.Count && _entries[_head].Work is Task work)
            {
                waits.Add(work);
            }

            if (_decided < _entries.Count && _entries[_decided].Prepared is Task read)
            {
                waits.Add(read);
            }

            if (waits.Count > 0)
            {
                // Short waits: progress is refreshed and Ctrl+C noticed in between.
                Task.WaitAny(waits.ToArray(), 100);
            }
        }

        /// <summary>
        /// Starts work once a slot of the throttle is free; a stop before that, or a failure of an earlier entry in a call
        /// that stops at its first failure, means it never starts. A failure of this entry is marked on the halt line the
        /// moment its work ends, before its slot is free for another.
        /// </summary>
        /// <para>
        /// The work of an entry that is unsettled (<see cref="HaltLine"/>: its read got an answer other than success)
        /// takes no slot: later entries holding every slot may be waiting for it to settle. With <paramref name="settles"/>
        /// (its work, not its read), the entry settles when its work ends.
        /// </para>
        /// <para>
        /// The place in line is taken here, on the pipeline thread, so slots are given in the order work is scheduled
        /// (<see cref="OrderedThrottle"/>).
        /// </para>
        private Task Throttled(Func<CallContext, Task> work, Entry entry, bool settles)
        {
            OrderedThrottle.Ticket ticket = _throttle.Enqueue();
            return _owner.Start<bool>(async context =>
            {
                bool slot = !(settles && context.Halt.IsUnsettled(entry.Position));
                if (!slot)
                {
                    _throttle.Withdraw(ticket);
                }

                return await ThrottledAsync(work, entry, settles, context, ticket, slot).ConfigureAwait(false);
            });
        }

        private async Task<bool> ThrottledAsync(Func<CallContext, Task> work, Entry entry, bool settles, CallContext context, OrderedThrottle.Ticket ticket, bool slot)
        {
            try
            {
                if (slot)
                {
                    using var stopOrCancel = CancellationTokenSource.CreateLinkedTokenSource(context.Stop, context.Cancellation);
                    await _throttle.WaitAsync(ticket, stopOrCancel.Token).ConfigureAwait(false);
                }

                try
                {
                    if (context.Halt.Halts(entry.Position))
                    {
                        entry.Halted();
                        return false;
                    }

                    await work(context).ConfigureAwait(false);
                    if (entry.Failed)
                    {
                        context.Halt.Fail(entry.Position);
                    }

                    return true;
                }
                finally
                {
                    if (slot)
                    {
                        _throttle.Release();
                    }
                }
            }
            finally
            {
                if (settles)
                {
                    entry.Requests?.Settle();
                }
            }
        }

        private void Compact()
        {
            if (_head > 1024 && _head * 2 > _entries.Count)
            {
                _entries.RemoveRange(0, _head);
                _decided -= _head;
                _head = 0;
            }
        }

        /// <summary>
        /// One piece of ordered work: what its owner (a bulk pipeline's item, a read by id) does at each step, given as
        /// delegates. Sealed: the queue's machinery, not a place to extend it.
        /// </summary>
        internal sealed class Entry
        {
            /// <summary>Stands in for an entry already written, so the list does not keep it alive.</summary>
            public static readonly Entry Done = new Entry(null, null, null, () => null, () => { });

            private readonly Func<Func<CallContext, Task>?> _decide;
            private readonly Action _write;
            private readonly Func<bool>? _failed;
            private readonly Func<bool>? _delivered;
            private readonly Action? _halted;

            /// <param name="owner">What made the entry, handed back with it by <see cref="Abandon"/> (to tell what it did).</param>
            /// <param name="requests">The counter of the entry's requests, which the queue tells the entry's position.</param>
            /// <param name="prepare">A read to make before <paramref name="decide"/>, concurrently; null when none is needed.</param>
            /// <param name="decide">On the pipeline thread, in input order, once the read is done: the work to send, or null for none.</param>
            /// <param name="write">On the pipeline thread, in input order, once the work is done: write the result.</param>
            /// <param name="failed">Whether the entry was refused or failed (read after decide, and once its work ended).</param>
            /// <param name="delivered">Whether something of the entry reached the pipeline when its write threw.</param>
            /// <param name="halted">
            /// Instead of decide, when an earlier entry failed in a call that stops at its first failure: nothing is read,
            /// asked or sent for it.
            /// </param>
            public Entry(object? owner, RequestCounter? requests, Func<CallContext, Task>? prepare, Func<Func<CallContext, Task>?> decide, Action write,
                Func<bool>? failed = null, Func<bool>? delivered = null, Action? halted = null)
            {
                Owner = owner;
                Requests = requests;
                Prepare = prepare;
                _decide = decide;
                _write = write;
                _failed = failed;
                _delivered = delivered;
                _halted = halted;
            }

            /// <summary>What made the entry (a bulk pipeline's item).</summary>
            public object? Owner { get; }

            /// <summary>The entry's position in the call's input (set when it is taken).</summary>
            internal long Position { get; set; } = -1;

            internal RequestCounter? Requests { get; }

            internal bool Failed => _failed?.Invoke() ?? false;

            internal bool Delivered => _delivered?.Invoke() ?? true;

            public Func<CallContext, Task>? Prepare { get; }

            internal Task? Prepared { get; set; }

            internal Task? Work { get; set; }

            public void Halted() => _halted?.Invoke();

            public Func<CallContext, Task>? Decide() => _decide();

            public void Write() => _write();
        }
    }
}
