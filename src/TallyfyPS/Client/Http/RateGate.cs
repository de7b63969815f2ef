using System;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Paces one session from the 429s it gets (Tallyfy has no per-minute budget to count). When a 429 of burst
    /// throttling comes (X-RateLimit-Remaining 0 or absent, with or without a code), every request of the session
    /// waits for Retry-After, then a single probe goes first and its answer releases the others, so a bulk call goes
    /// on as fast as the service lets it instead of hammering 429s. A 429 longer than -MaxWaitSec (an hourly cap of
    /// one action) does not hold the session back: see <see cref="ServiceHealth"/>.
    /// </summary>
    internal sealed class RateGate
    {
        private readonly object _lock = new object();
        private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
        private bool _exhausted;
        private bool _probeOut;

        /// <summary>Waits until a request may go. Returns true when the caller is the probe.</summary>
        public async Task<bool> WaitAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    DateTimeOffset now = DateTimeOffset.UtcNow;
                    if (now >= _pausedUntil)
                    {
                        if (!_exhausted)
                        {
                            return false;
                        }

                        if (!_probeOut)
                        {
                            _probeOut = true;
                            return true;
                        }

                        wait = TimeSpan.FromMilliseconds(25);
                    }
                    else
                    {
                        wait = _pausedUntil - now;
                    }
                }

                if (wait > TimeSpan.FromMilliseconds(250))
                {
                    wait = TimeSpan.FromMilliseconds(250); // re-check often: a probe may free us early
                }

                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Records what an answer said of the throttling.</summary>
        public void Observe(bool probe, int status, int? remaining, TimeSpan? retryAfter)
        {
            lock (_lock)
            {
                if (status == 429 && (remaining is null || remaining <= 0))
                {
                    _exhausted = true;
                    DateTimeOffset until = DateTimeOffset.UtcNow + (retryAfter ?? TimeSpan.FromSeconds(1));
                    if (until > _pausedUntil)
                    {
                        _pausedUntil = until;
                    }
                }
                else if (status != 429 && (probe || _exhausted) && (remaining is null || remaining > 0))
                {
                    _exhausted = false;
                }

                if (probe)
                {
                    _probeOut = false;
                }
            }
        }

        /// <summary>A probe that never got an answer (cancelled, transport error) hands the role back.</summary>
        public void ReleaseProbe(bool probe)
        {
            if (!probe)
            {
                return;
            }

            lock (_lock)
            {
                _probeOut = false;
            }
        }
    }
}
