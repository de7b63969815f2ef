using System;
using System.Threading;

namespace TallyfyPS.Client
{
    /// <summary>
    /// What every request of one command call shares: how to cancel what is under way (Ctrl+C), the
    /// signal that no new request may start (the pipeline stopped), the health of the service as this
    /// call has seen it, and where trace lines and warnings go. Nothing here is implicit: the client
    /// writes a trace line or a warning only through the context of the request it sends.
    /// </summary>
    internal sealed class CallContext : IDisposable
    {
        private readonly Action<string>? _trace;
        private readonly Action<string>? _warn;
        private readonly CancellationTokenSource _waits;

        public CallContext(CancellationToken cancellation = default, CancellationToken stop = default, ServiceHealth? health = null,
            Action<string>? trace = null, Action<string>? warn = null)
        {
            Cancellation = cancellation;
            Stop = stop;
            Health = health ?? new ServiceHealth();
            _trace = trace;
            _warn = warn;
            _waits = CancellationTokenSource.CreateLinkedTokenSource(cancellation, stop, Health.Tripped);
        }

        /// <summary>Cancels requests that are under way (Ctrl+C, or a stop that waited long enough).</summary>
        public CancellationToken Cancellation { get; }

        /// <summary>Set when the command stops: no request starts after it; those under way finish.</summary>
        public CancellationToken Stop { get; }

        public ServiceHealth Health { get; }

        /// <summary>For a call that stops at its first failure: the first item that failed (no request starts for a later one).</summary>
        public HaltLine Halt { get; } = new HaltLine();

        /// <summary>Ends any wait (backoff, rate-limit pause): cancelled, stopped, or the service judged unreachable.</summary>
        internal CancellationToken Waits => _waits.Token;

        /// <summary>A counter for the requests of one item (a record of a bulk call, a page of a listing).</summary>
        public RequestCounter NewCounter() => new RequestCounter(this);

        internal void Trace(string line) => _trace?.Invoke(line);

        internal void Warn(string message) => _warn?.Invoke(message);

        private int _longWaitTold;

        /// <summary>True the first time in this call: a long wait for a 429 is a warning once, then only trace lines.</summary>
        internal bool FirstLongWait() => System.Threading.Interlocked.Exchange(ref _longWaitTold, 1) == 0;

        public void Dispose() => _waits.Dispose();
    }
}
