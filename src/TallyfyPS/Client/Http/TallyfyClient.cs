using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>
    /// The HTTP side of TallyfyPS: one HttpClient per session (one connection pool), authentication, and a
    /// send loop that tries a request once and then decides: done, follow a redirect, renew the token, check
    /// whether a change was applied, wait and retry, or give up. It knows nothing of PowerShell, and nothing of
    /// Tallyfy's paths (that is <see cref="TallyfyApi"/>).
    /// </summary>
    internal sealed partial class TallyfyClient : IDisposable
    {
        private static readonly string UserAgent = "TallyfyPS/" +
            (typeof(TallyfyClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

        /// <summary>A wait for a 429 this long or longer is a warning as well as a trace line.</summary>
        private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(5);

        private readonly HttpClient _http;
        private readonly RateGate _gate = new RateGate();
        private readonly RetryPolicy _retry;
        private readonly RedirectGuard _redirects;
        private readonly ResponseReader _reader;

        public TallyfyClient(TallyfyClientOptions options, HttpMessageHandler? handler = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            UriPolicy.RefuseInsecure(options.BaseUri);
            _retry = new RetryPolicy(options);
            _redirects = new RedirectGuard(options.BaseUri);
            _reader = new ResponseReader(options.MaxResponseBytes, options.RequestTimeout);
            _http = new HttpClient(handler ?? NewHandler(options.MaxConnections, options.Proxy), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }

        public TallyfyClientOptions Options { get; }

        /// <summary>
        /// Sends a request, retrying what is worth retrying within the item's budget (see <see cref="RequestCounter"/>).
        /// Returns the answer that retrying cannot improve: 2xx, a final 4xx, or the last 429/5xx when the retries
        /// are spent. Throws <see cref="TallyfyApiException"/> when no answer came (Transport), when the answer is
        /// broken (InvalidResponse), or when the request may not be sent (NotSent).
        /// </summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, RequestCounter counter)
        {
            Uri uri = request.Address ?? BuildUri(request.Path, request.Query);
            int redirects = 0;
            bool renewed = false;
            Attempt? failure = null;
            try
            {
                while (true)
                {
                    Attempt attempt = await SendOnceAsync(request, uri, counter, failure).ConfigureAwait(false);
                    if (attempt.Response is null && attempt.Redirect is null || attempt.Status >= 400)
                    {
                        counter.Unsettle(); // a sign of failure: later items wait until this one settles (-ErrorAction Stop)
                    }

                    if (attempt.Response is null && RetryPolicy.IsNameNotResolved(attempt.Error))
                    {
                        // No such host: nothing reached a service, and no retry can make the name resolve.
                        string reason = Attempt.DescribeError(attempt.Error);
                        attempt.Dispose();
                        counter.Context.Health.GaveUp();
                        throw new TallyfyApiException(TallyfyErrorKind.Transport,
                            $"The host name '{uri.Host}' does not resolve ({reason}); nothing was sent, and it was not retried. Check the host name in the base URI",
                            inner: attempt.Error);
                    }

                    if (attempt.Status == 407 || (attempt.Response is null && ProxySettings.IsProxyAuthenticationRefusal(attempt.Error)))
                    {
                        // The proxy wants credentials: no retry can give them, so it is never retried.
                        using (attempt)
                        {
                            throw ProxyRefused(uri, counter);
                        }
                    }

                    if (attempt.Redirect is Uri target)
                    {
                        _redirects.Check(request, attempt.Status, target, ++redirects);
                        uri = target;
                        continue;
                    }

                    if (attempt.Response is ApiResponse capped && capped.Status == 429 && capped.RetryAfter is TimeSpan asked && asked > Options.MaxWait)
                    {
                        // A limit that frees up only after a longer wait than the session makes (an hourly cap): never
                        // waited for. This action is not sent again in this call; other actions carry on.
                        using (attempt)
                        {
                            throw Limited(request, capped, asked, counter);
                        }
                    }

                    if (attempt.Response is ApiResponse answer && !RetryPolicy.IsRetryable(answer.Status))
                    {
                        if (answer.Status == 401 && !request.Anonymous && !renewed && Options.Token.CanRenew)
                        {
                            renewed = true;
                            answer.Dispose();
                            await Options.Token.GetTokenAsync(this, renew: true, counter.Context).ConfigureAwait(false);
                            continue;
                        }

                        NoteAnswer(answer.Status, counter, request);
                        return answer;
                    }

                    // 429, a retryable 5xx, or no answer at all.
                    NoteFailure(attempt, counter);
                    failure?.Dispose();
                    failure = attempt;
                    bool unknown = !request.IsRead && !request.Repeatable && RetryPolicy.OutcomeUnknown(attempt);
                    if (request.SingleTry || (unknown && request.VerifyApplied is null) || !await RetryAsync(counter, attempt).ConfigureAwait(false))
                    {
                        return GiveUp(request, ref failure, counter, unknown);
                    }

                    if (unknown)
                    {
                        // The change may have been applied before the failure: look before repeating it.
                        Verification seen = await VerifyAsync(request, counter).ConfigureAwait(false);
                        if (seen.Result == VerificationResult.Applied)
                        {
                            return ApiResponse.Verified();
                        }

                        if (seen.Result == VerificationResult.Undecided)
                        {
                            // Cannot tell, and a second send could apply it twice: the outcome stays unknown.
                            throw new TallyfyApiException(TallyfyErrorKind.Transport, seen.Reason ?? "no answer came", null, TallyfyApiException.OutcomeUnknownCode,
                                inner: failure?.Error);
                        }

                        if (!counter.TryUseRetry(Options.MaxRetries))
                        {
                            return GiveUp(request, ref failure, counter, unknown);
                        }

                        if (seen.Result == VerificationResult.CannotTell)
                        {
                            await WaitAsync(_retry.Backoff(counter.RetriesUsed, null), counter, failure).ConfigureAwait(false);
                        }
                    }
                }
            }
            finally
            {
                failure?.Dispose();
            }
        }

        public Uri BuildUri(string path, IEnumerable<KeyValuePair<string, string>>? query) =>
            WithQuery(Options.BaseUri.AbsoluteUri + path.TrimStart('/'), query);

        /// <summary>An absolute address with a query added (a raw request to the same host outside the API root).</summary>
        public Uri BuildUriAt(Uri address, IEnumerable<KeyValuePair<string, string>> query) => WithQuery(address.GetLeftPart(UriPartial.Path), query);

        /// <summary>An address and its query, each key and value escaped; a pair without a value is left out.</summary>
        private static Uri WithQuery(string address, IEnumerable<KeyValuePair<string, string>>? query)
        {
            var sb = new StringBuilder(address);
            if (query != null)
            {
                char sep = '?';
                foreach (KeyValuePair<string, string> kv in query)
                {
                    if (kv.Value is null)
                    {
                        continue;
                    }

                    sb.Append(sep).Append(Uri.EscapeDataString(kv.Key)).Append('=').Append(Uri.EscapeDataString(kv.Value));
                    sep = '&';
                }
            }

            return new Uri(sb.ToString());
        }

        /// <summary>Escapes one path segment (ids are validated before this, but never trusted).</summary>
        public static string Segment(string value) => Uri.EscapeDataString(value);

        public void Dispose() => _http.Dispose();

        /// <summary>Sends the request once. Never retries; a failure without an answer comes back as <see cref="Attempt.NoAnswer"/>.</summary>
        private async Task<Attempt> SendOnceAsync(ApiRequest request, Uri uri, RequestCounter counter, Attempt? lastFailure)
        {
            CallContext context = counter.Context;
            bool probe;
            while (true)
            {
                // Under -ErrorAction Stop, nothing starts for an item while an earlier one is unsettled (HaltLine).
                await counter.WaitForEarlierItemsAsync().ConfigureAwait(false);
                counter.EnsureMaySend(lastFailure?.Describe(), ActionOf(request));
                probe = await Interruptible(_gate.WaitAsync(context.Waits), counter, lastFailure).ConfigureAwait(false);
                if (!counter.EarlierUnsettled)
                {
                    break;
                }

                _gate.ReleaseProbe(probe); // an earlier item became unsettled while this one waited for the gate
            }

            var watch = new Stopwatch();
            try
            {
                counter.EnsureMaySend(lastFailure?.Describe(), ActionOf(request));
                string? token = request.Anonymous ? null : await Options.Token.GetTokenAsync(this, renew: false, context).ConfigureAwait(false);
                using HttpRequestMessage message = NewMessage(request, uri, token);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
                timeout.CancelAfter(Options.RequestTimeout);
                counter.Started();
                watch.Start();
                using HttpResponseMessage raw = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                int status = (int)raw.StatusCode;
                TimeSpan? retryAfter = RetryPolicy.RetryAfterOf(raw);
                TimeSpan? requested = status == 429 ? RetryPolicy.RequestedWait(raw) : null;
                if (status == 429 && requested > Options.MaxWait)
                {
                    _gate.ReleaseProbe(probe); // a cap of one action (not waited for) does not hold back the session's other requests
                }
                else
                {
                    _gate.Observe(probe, status, RetryPolicy.RemainingOf(raw), retryAfter);
                }

                probe = false;
                if (RedirectGuard.TargetOf(raw, uri) is Uri target)
                {
                    Trace(context, $"{Line(request.Method, uri)} -> {status} redirect to {target.GetLeftPart(UriPartial.Path)}", watch.Elapsed, counter);
                    return Attempt.Redirected(status, target);
                }

                ApiResponse response = await _reader.ReadAsync(raw, timeout.Token, context.Cancellation).ConfigureAwait(false);
                response.RetryAfter = requested;
                if (request.KeepHeaders)
                {
                    response.Headers = HeadersOf(raw);
                }

                Trace(context, $"{Line(request.Method, uri)} -> {status} {ApiErrorReader.ReasonOf(status)}".TrimEnd(), watch.Elapsed, counter);
                return Attempt.Answered(response, retryAfter);
            }
            catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException) when (watch.IsRunning)
            {
                Trace(context, $"{Line(request.Method, uri)} -> no answer within {Options.RequestTimeout.TotalSeconds:0.#} s", watch.Elapsed, counter);
                return Attempt.NoAnswer(new TimeoutException($"No answer within {Options.RequestTimeout.TotalSeconds:0.#} s."));
            }
            catch (Exception ex) when (!(ex is TallyfyApiException) && RetryPolicy.IsTransport(ex) && watch.IsRunning)
            {
                Trace(context, $"{Line(request.Method, uri)} -> no answer ({Attempt.DescribeError(ex)})", watch.Elapsed, counter);
                return Attempt.NoAnswer(ex);
            }
            finally
            {
                _gate.ReleaseProbe(probe);
                if (watch.IsRunning)
                {
                    counter.Finished();
                }
            }
        }

        /// <summary>Takes a retry from the item's budget and waits before it; false when the budget is spent.</summary>
        private async Task<bool> RetryAsync(RequestCounter counter, Attempt failure)
        {
            if (!counter.TryUseRetry(Options.MaxRetries))
            {
                return false;
            }

            TimeSpan delay = _retry.Backoff(counter.RetriesUsed, failure.Response?.Status == 429 ? failure.RetryAfter : null);
            if (failure.Response?.Status == 429)
            {
                // Nothing waits silently: every wait for a 429 is traced, and a long one is a warning (once a call).
                string line = $"Tallyfy answered 429 (throttled); waiting {Words.Duration(delay)} before trying again (at most -MaxWaitSec {Options.MaxWait.TotalSeconds:0} s).";
                counter.Context.Trace(line);
                if (delay >= LongWait && counter.Context.FirstLongWait())
                {
                    counter.Context.Warn(line);
                }
            }

            await WaitAsync(delay, counter, failure).ConfigureAwait(false);
            return true;
        }

        /// <summary>Asks the request whether its change is in place; a read that fails means "cannot tell".</summary>
        private static async Task<Verification> VerifyAsync(ApiRequest request, RequestCounter counter)
        {
            try
            {
                return await request.VerifyApplied!(counter).ConfigureAwait(false);
            }
            catch (TallyfyApiException ex) when (ex.Kind != TallyfyErrorKind.NotSent)
            {
                return Verification.CannotTell;
            }
        }

        /// <summary>The outcome once retrying is over: the last answer, or an error saying that none came.</summary>
        private ApiResponse GiveUp(ApiRequest request, ref Attempt? failure, RequestCounter counter, bool outcomeUnknown)
        {
            if (failure is null || failure.Response is null || RetryPolicy.MeansUnavailable(failure.Status))
            {
                counter.Context.Health.GaveUp();
            }

            if (failure?.Response is ApiResponse last)
            {
                failure = null; // the caller owns the answer now
                return last;
            }

            string what = failure?.Describe() ?? "no answer";
            string message = !outcomeUnknown
                ? $"The service could not be reached after {Words.Count(counter.Sent, "attempt")}: {what}"
                : request.VerifyApplied is null
                    ? $"The connection failed before {request.Method.Method} {request.Path} was answered ({what}); it was not repeated, because the service may have applied it. Check before you try again."
                    : $"No answer came after {Words.Count(counter.Sent, "attempt")} ({what}), so whether the change was applied is unknown.";
            throw new TallyfyApiException(TallyfyErrorKind.Transport, message, inner: failure?.Error);
        }

        private Task WaitAsync(TimeSpan delay, RequestCounter counter, Attempt? failure) =>
            Interruptible(Delay(delay, counter.Context.Waits), counter, failure);

        private static async Task<bool> Delay(TimeSpan delay, CancellationToken token)
        {
            await Task.Delay(delay, token).ConfigureAwait(false);
            return true;
        }

        /// <summary>A wait that ends early when the command stops or the service is judged gone: then the request is not sent.</summary>
        private static async Task<T> Interruptible<T>(Task<T> wait, RequestCounter counter, Attempt? failure)
        {
            try
            {
                return await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!counter.Context.Cancellation.IsCancellationRequested)
            {
                counter.EnsureMaySend(failure?.Describe());
                throw;
            }
        }

        private static HttpRequestMessage NewMessage(ApiRequest request, Uri uri, string? token)
        {
            var message = new HttpRequestMessage(request.Method, uri);
            if (token != null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            message.Headers.TryAddWithoutValidation("X-Tallyfy-Client", "APIClient");
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            if (request.Form != null)
            {
                message.Content = new FormUrlEncodedContent(request.Form);
            }
            else if (request.JsonText != null)
            {
                message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.JsonText));
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            else if (request.JsonBody != null)
            {
                message.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request.JsonBody, request.JsonBody.GetType()));
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            return message;
        }

        private static HttpMessageHandler NewHandler(int maxConnections, ProxySettings? proxy)
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            proxy?.Apply(handler);
            try
            {
                handler.MaxConnectionsPerServer = Math.Max(2, maxConnections);
            }
            catch (PlatformNotSupportedException)
            {
                // Older frameworks size the pool through ServicePointManager instead.
            }

            return handler;
        }

        /// <summary>"GET /api/organizations/.../runs?status=complete&amp;page=2", the values of secret-looking query keys masked (<see cref="Redaction"/>).</summary>
        private static string Line(HttpMethod method, Uri uri) => method.Method + " " + Redaction.PathAndQuery(uri);

        private static IReadOnlyDictionary<string, string> HeadersOf(HttpResponseMessage raw)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, IEnumerable<string>> h in raw.Headers)
            {
                headers[h.Key] = string.Join(", ", h.Value);
            }

            if (raw.Content != null)
            {
                foreach (KeyValuePair<string, IEnumerable<string>> h in raw.Content.Headers)
                {
                    headers[h.Key] = string.Join(", ", h.Value);
                }
            }

            return headers;
        }

        private static void Trace(CallContext context, string line, TimeSpan elapsed, RequestCounter counter)
        {
            context.Trace(counter.Sent > 1
                ? $"{line} ({elapsed.TotalMilliseconds:0} ms, request {counter.Sent} for this item)"
                : $"{line} ({elapsed.TotalMilliseconds:0} ms)");
        }
    }
}
