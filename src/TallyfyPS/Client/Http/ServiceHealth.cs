using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Whether the service still answers, as one command call sees it (a circuit breaker). When no
    /// request has been answered for a while (the service is gone), or the credentials were refused
    /// several times in a row and cannot be renewed, or the same action was refused for lack of permission (403)
    /// several times in a row, it opens: every request not yet sent fails at once
    /// with a NotSent error, and every retry wait ends, so a long bulk call finishes in seconds instead
    /// of failing each remaining item in turn. A blip (a burst of failed requests that ends within
    /// <see cref="Patience"/>) does not open it; several items in a row giving up unanswered (with few or
    /// no retries allowed) do.
    /// </summary>
    internal sealed class ServiceHealth
    {
        /// <summary>Consecutive unanswered requests that open the circuit once they have lasted <see cref="Patience"/>.</summary>
        public const int UnansweredStreak = 5;

        /// <summary>Consecutive items that gave up unanswered (their retries spent) that open the circuit however short the time.</summary>
        public const int GaveUpStreak = 5;

        /// <summary>How long requests go unanswered (three or more in a row) before the user is warned.</summary>
        public static readonly TimeSpan WarnAfter = TimeSpan.FromSeconds(1);

        /// <summary>Consecutive refusals of credentials that cannot be renewed (401) that open the circuit.</summary>
        public const int UnauthorizedStreak = 3;

        /// <summary>Consecutive refusals of the same action for lack of permission (403) that open the circuit.</summary>
        public const int ForbiddenStreak = 3;

        private readonly object _lock = new object();
        private readonly CancellationTokenSource _tripped = new CancellationTokenSource();
        private readonly Func<TimeSpan> _clock;
        private int _unanswered;
        private int _gaveUp;
        private TimeSpan _firstUnanswered;
        private int _unauthorized;
        private readonly Dictionary<string, int> _forbidden = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly Dictionary<string, RateLimitInfo> _limited = new Dictionary<string, RateLimitInfo>(StringComparer.Ordinal);
        private bool _warned;
        private string? _lastProblem;
        private readonly System.Collections.Generic.HashSet<object> _streakItems = new System.Collections.Generic.HashSet<object>();
        private bool _streakUnknownItem;
        private bool _streakAllAnswered = true;
        private bool _warnedOneItem;

        public ServiceHealth()
            : this(TimeSpan.FromSeconds(10), null)
        {
        }

        /// <param name="patience">How long requests may go unanswered before the circuit opens.</param>
        /// <param name="clock">Elapsed time (tests pass their own).</param>
        public ServiceHealth(TimeSpan patience, Func<TimeSpan>? clock)
        {
            Patience = patience;
            if (clock is null)
            {
                Stopwatch watch = Stopwatch.StartNew();
                clock = () => watch.Elapsed;
            }

            _clock = clock;
        }

        public TimeSpan Patience { get; }

        /// <summary>Why the circuit opened; null while it is closed.</summary>
        public NotSentReason? OpenReason { get; private set; }

        /// <summary>What was seen when the circuit opened ("Tallyfy has not answered for 10 s: ...").</summary>
        public string? OpenMessage { get; private set; }

        public bool IsOpen => OpenReason.HasValue;

        internal CancellationToken Tripped => _tripped.Token;

        /// <summary>An answer that shows the service is there and takes the credentials.</summary>
        /// <param name="action">The action answered ("DELETE organizations/{id}/runs/{id}"), which ends its streak of 403s.</param>
        internal void Answered(string? action = null)
        {
            lock (_lock)
            {
                ServiceAnswered();
                if (action != null)
                {
                    _forbidden.Remove(action);
                }
            }
        }

        /// <summary>The service answered and took the credentials: every streak of failures ends (under the lock).</summary>
        private void ServiceAnswered()
        {
            _unanswered = 0;
            _gaveUp = 0;
            _unauthorized = 0;
            _warned = false;
            _warnedOneItem = false;
            NewStreak();
        }

        /// <summary>A 403: the user may not do <paramref name="action"/>. The same action refused three times in a row opens the circuit.</summary>
        internal void Forbidden(string action, string problem)
        {
            bool trip = false;
            lock (_lock)
            {
                ServiceAnswered();
                _lastProblem = problem;
                _forbidden.TryGetValue(action, out int refused);
                _forbidden[action] = ++refused;
                if (!IsOpen && refused >= ForbiddenStreak)
                {
                    OpenReason = NotSentReason.Forbidden;
                    OpenMessage = $"Tallyfy refused {action} for lack of permission {refused} times in a row ({problem})";
                    trip = true;
                }
            }

            if (trip)
            {
                _tripped.Cancel();
            }
        }

        private void NewStreak()
        {
            _streakItems.Clear();
            _streakUnknownItem = false;
            _streakAllAnswered = true;
        }

        /// <summary>A request that got no answer, or a gateway's "the service is not there" (502, 503, 504).</summary>
        /// <param name="item">The item the request was for (its counter): a streak of one item's requests is that item's
        /// trouble (one run's path answering 502), not an outage, and opens nothing.</param>
        /// <param name="answered">A gateway answered (502, 503, 504), as opposed to no answer at all.</param>
        /// <returns>A warning to show the user the first time a streak looks like an outage, else null.</returns>
        internal string? Unanswered(string problem, object? item = null, bool answered = false)
        {
            string? warning = null;
            bool trip = false;
            lock (_lock)
            {
                TimeSpan now = _clock();
                if (_unanswered++ == 0)
                {
                    _firstUnanswered = now;
                    NewStreak();
                }

                if (item is null)
                {
                    _streakUnknownItem = true;
                }
                else
                {
                    _streakItems.Add(item);
                }

                _streakAllAnswered &= answered;
                bool oneItem = !_streakUnknownItem && _streakItems.Count == 1;
                _lastProblem = problem;
                TimeSpan lasted = now - _firstUnanswered;
                if (oneItem && _streakAllAnswered)
                {
                    // One item's path keeps answering 5xx: its own retries settle it; the service is there.
                    if (!_warnedOneItem && _unanswered >= 3 && lasted >= WarnAfter)
                    {
                        _warnedOneItem = true;
                        warning = $"Tallyfy answered {problem} to {Words.Count(_unanswered, "request")} in a row, all for one item; retrying it.";
                    }
                }
                else if (!IsOpen && _unanswered >= UnansweredStreak && lasted >= Patience && !oneItem)
                {
                    OpenReason = NotSentReason.ServiceUnavailable;
                    OpenMessage = $"Tallyfy has not answered {_unanswered} requests in a row over {lasted.TotalSeconds:0} s (last: {problem})";
                    trip = true;
                }
                else if (!_warned && _unanswered >= 3 && lasted >= WarnAfter)
                {
                    _warned = true;
                    warning = $"Tallyfy is not answering ({problem}); retrying. If it does not answer within {Patience.TotalSeconds:0} s, nothing more is sent.";
                }
            }

            if (trip)
            {
                _tripped.Cancel();
            }

            return warning;
        }

        /// <summary>An item whose retries were spent without an answer from the service.</summary>
        internal void GaveUp()
        {
            bool trip = false;
            lock (_lock)
            {
                if (!IsOpen && ++_gaveUp >= GaveUpStreak)
                {
                    OpenReason = NotSentReason.ServiceUnavailable;
                    OpenMessage = $"Tallyfy did not answer {_gaveUp} items in a row, each after every retry (last: {_lastProblem ?? "no answer"})";
                    trip = true;
                }
            }

            if (trip)
            {
                _tripped.Cancel();
            }
        }

        /// <summary>A 401 for credentials that cannot be renewed (a revoked token).</summary>
        internal void Unauthorized(string problem)
        {
            bool trip = false;
            lock (_lock)
            {
                _unanswered = 0;
                _lastProblem = problem;
                if (!IsOpen && ++_unauthorized >= UnauthorizedStreak)
                {
                    OpenReason = NotSentReason.Unauthorized;
                    OpenMessage = $"Tallyfy refused the credentials {_unauthorized} times in a row ({problem})";
                    trip = true;
                }
            }

            if (trip)
            {
                _tripped.Cancel();
            }
        }

        /// <summary>
        /// A 429 asked to wait longer than the session waits: <see cref="RateLimitInfo.Action"/> is not sent again in this
        /// call (its later requests fail at once as NotSent, RateLimited); other actions carry on. The first limit of an action stays.
        /// </summary>
        internal void Limited(RateLimitInfo limit)
        {
            lock (_lock)
            {
                ServiceAnswered();
                if (!_limited.ContainsKey(limit.Action))
                {
                    _limited[limit.Action] = limit;
                }
            }
        }

        /// <summary>The rate limit that stopped <paramref name="action"/> in this call, or null.</summary>
        internal RateLimitInfo? LimitOf(string action)
        {
            lock (_lock)
            {
                return _limited.TryGetValue(action, out RateLimitInfo? limit) ? limit : null;
            }
        }

        /// <summary>Throws NotSent when the circuit is open (the service was judged gone), or when <paramref name="action"/> hit a rate limit longer than the session waits.</summary>
        /// <param name="sent">Requests the item had sent: a Failed item that had sent some is not told "this request was not sent".</param>
        internal void EnsureAvailable(string after = "", int sent = 0, string? action = null)
        {
            if (action != null && LimitOf(action) is RateLimitInfo limit)
            {
                throw TallyfyApiException.Limited(limit, limit.Describe() + "; this request was not sent.");
            }

            NotSentReason? reason = OpenReason;
            if (reason.HasValue)
            {
                string what = sent == 0 ? "this request was not sent" : $"no further request was sent for this item after {Words.Count(sent, "attempt")}";
                throw TallyfyApiException.NotSent(reason.Value, (OpenMessage ?? "The service is unavailable") + "; " + what + after + ".");
            }
        }

        public override string ToString() => OpenMessage ?? (_lastProblem is null ? "answering" : "last problem: " + _lastProblem);
    }
}
