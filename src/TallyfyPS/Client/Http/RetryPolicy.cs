using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Which failures are worth another try, and how long to wait before it: exponential backoff with
    /// jitter (RetryBaseDelay doubled each retry, at most RetryMaxDelay), never earlier than a 429's
    /// Retry-After (seconds or an HTTP date, capped at an hour, the most -MaxWaitSec allows: the client waits
    /// for a Retry-After only up to -MaxWaitSec, see <see cref="TallyfyClient"/>).
    /// </summary>
    internal sealed class RetryPolicy
    {
        private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);
        private readonly TallyfyClientOptions _options;
        private readonly ThreadLocal<Random> _random = new ThreadLocal<Random>(() => new Random(Guid.NewGuid().GetHashCode()));

        public RetryPolicy(TallyfyClientOptions options)
        {
            _options = options;
        }

        /// <summary>429 and 5xx, except 501 and 505 (a retry cannot change them).</summary>
        public static bool IsRetryable(int status) => status == 429 || (status >= 500 && status != 501 && status != 505);

        /// <summary>What a gateway answers when the service behind it is not there.</summary>
        public static bool MeansUnavailable(int status) => status == 502 || status == 503 || status == 504;

        /// <summary>Exceptions that mean "no answer came": the connection failed, broke or timed out.</summary>
        public static bool IsTransport(Exception ex) =>
            ex is HttpRequestException || ex is IOException || ex is TimeoutException ||
            ex is OperationCanceledException || ex is System.Net.Sockets.SocketException;

        /// <summary>
        /// True when <paramref name="ex"/> (or an exception inside it) says that the host name does not exist (DNS: no such
        /// host, no address), which no retry changes. A temporary DNS failure (try again) is not one of them.
        /// </summary>
        public static bool IsNameNotResolved(Exception? ex)
        {
            for (Exception? e = ex; e != null; e = e.InnerException)
            {
                if (e is System.Net.Sockets.SocketException socket &&
                    (socket.SocketErrorCode == System.Net.Sockets.SocketError.HostNotFound || socket.SocketErrorCode == System.Net.Sockets.SocketError.NoData))
                {
                    return true;
                }

                if (e is System.Net.WebException web && web.Status == System.Net.WebExceptionStatus.NameResolutionFailure)
                {
                    return true; // .NET Framework (Windows PowerShell 5.1)
                }
            }

            return false;
        }

        /// <summary>A 5xx or no answer to a change: it may have been applied before the failure.</summary>
        public static bool OutcomeUnknown(Attempt attempt) => attempt.Response is null || attempt.Response.Status != 429;

        /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first).</summary>
        public TimeSpan Backoff(int retry, TimeSpan? retryAfter)
        {
            double exp = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 16));
            double capped = Math.Min(_options.RetryMaxDelay.TotalMilliseconds, exp);
            if (retryAfter.HasValue)
            {
                // Never earlier than the service asked; a little jitter after it spreads the retries.
                return TimeSpan.FromMilliseconds(retryAfter.Value.TotalMilliseconds + (_random.Value!.NextDouble() * Math.Min(250, capped)));
            }

            return TimeSpan.FromMilliseconds(capped * (0.5 + (_random.Value!.NextDouble() * 0.5)));
        }

        /// <summary>Retry-After in seconds or as an HTTP date, measured against the answer's own Date.</summary>
        public static TimeSpan? RetryAfterOf(HttpResponseMessage raw) => RequestedWait(raw, resetHeader: false) is TimeSpan wait ? Cap(wait) : (TimeSpan?)null;

        /// <summary>
        /// How long the answer asks to wait, uncapped (for messages and per-feature caps): Retry-After (seconds or an
        /// HTTP date), else with <paramref name="resetHeader"/> X-RateLimit-Reset (seconds, or a Unix time).
        /// </summary>
        public static TimeSpan? RequestedWait(HttpResponseMessage raw, bool resetHeader = true)
        {
            DateTimeOffset now = raw.Headers.Date ?? DateTimeOffset.UtcNow;
            RetryConditionHeaderValue? value = raw.Headers.RetryAfter;
            if (value?.Delta is TimeSpan delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (value?.Date is DateTimeOffset date)
            {
                return date <= now ? TimeSpan.Zero : date - now;
            }

            if (resetHeader && raw.Headers.TryGetValues("X-RateLimit-Reset", out IEnumerable<string>? resets) &&
                long.TryParse(resets.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long reset) && reset >= 0)
            {
                // A large number is a Unix time; a small one, seconds from now.
                TimeSpan wait = reset > 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(reset) - now : TimeSpan.FromSeconds(reset);
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return null;
        }

        public static int? RemainingOf(HttpResponseMessage raw) =>
            raw.Headers.TryGetValues("X-RateLimit-Remaining", out IEnumerable<string>? values) &&
            int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : (int?)null;

        private static TimeSpan Cap(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }
}
