using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The throttle of an <see cref="OrderedWorkQueue"/>: at most ThrottleLimit reads and sends at once, and a free slot
    /// goes to the work that was scheduled first. Work is scheduled on the pipeline thread in input order (reads as input
    /// is taken, sends as items are decided), so the order requests start in is the input's, not whichever thread-pool
    /// thread happened to ask first: with -ThrottleLimit 1 the requests of a call go out strictly one item after another.
    /// </summary>
    internal sealed class OrderedThrottle
    {
        private readonly object _gate = new object();
        private readonly LinkedList<Ticket> _queue = new LinkedList<Ticket>();
        private int _free;

        public OrderedThrottle(int slots) => _free = slots;

        /// <summary>Takes a place in line (on the pipeline thread, when the work is scheduled).</summary>
        public Ticket Enqueue()
        {
            var ticket = new Ticket();
            lock (_gate)
            {
                if (_free > 0 && _queue.Count == 0)
                {
                    _free--;
                    ticket.Granted = true;
                    ticket.Turn.TrySetResult(true);
                }
                else
                {
                    ticket.Node = _queue.AddLast(ticket);
                }
            }

            return ticket;
        }

        /// <summary>Waits for the ticket's turn; a cancellation before it gives up the place in line.</summary>
        public async Task WaitAsync(Ticket ticket, CancellationToken cancellation)
        {
            if (!ticket.Turn.Task.IsCompleted && cancellation.CanBeCanceled)
            {
                using (cancellation.Register(() =>
                {
                    if (Withdraw(ticket, releaseIfGranted: false))
                    {
                        ticket.Turn.TrySetCanceled();
                    }
                }))
                {
                    await ticket.Turn.Task.ConfigureAwait(false);
                    return;
                }
            }

            await ticket.Turn.Task.ConfigureAwait(false);
        }

        /// <summary>Gives up a ticket whose work will take no slot (or never run): its place in line, or its slot.</summary>
        public void Withdraw(Ticket ticket) => Withdraw(ticket, releaseIfGranted: true);

        /// <summary>Frees the slot of a ticket whose work has ended: the next in line gets it.</summary>
        public void Release()
        {
            Ticket? next = null;
            lock (_gate)
            {
                if (_queue.First is LinkedListNode<Ticket> first)
                {
                    _queue.RemoveFirst();
                    next = first.Value;
                    next.Node = null;
                    next.Granted = true;
                }
                else
                {
                    _free++;
                }
            }

            next?.Turn.TrySetResult(true);
        }

        /// <returns>True when the ticket was still waiting and has left the line.</returns>
        private bool Withdraw(Ticket ticket, bool releaseIfGranted)
        {
            lock (_gate)
            {
                if (ticket.Node != null)
                {
                    _queue.Remove(ticket.Node);
                    ticket.Node = null;
                    return true;
                }

                if (!ticket.Granted || !releaseIfGranted)
                {
                    return false;
                }

                ticket.Granted = false;
            }

            Release();
            return false;
        }

        /// <summary>A place in line.</summary>
        internal sealed class Ticket
        {
            internal TaskCompletionSource<bool> Turn { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            internal LinkedListNode<Ticket>? Node { get; set; }

            internal bool Granted { get; set; }
        }
    }
}
