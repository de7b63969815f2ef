using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>Settings of one client (one session).</summary>
    public sealed class TallyfyClientOptions
    {
        public TallyfyClientOptions(Uri baseUri, ITokenProvider token)
        {
            BaseUri = NormalizeBase(baseUri);
            Token = token ?? throw new ArgumentNullException(nameof(token));
        }

        /// <summary>The API root, e.g. https://go.tallyfy.com/api/ (always with a trailing slash).</summary>
        public Uri BaseUri { get; }

        public ITokenProvider Token { get; }

        /// <summary>How many times a failed request is sent again (0 = never). Default 5.</summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>How long one request may take before it counts as failed. Default 100 s.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>Connections kept open to the service; at least the concurrency in use (-ThrottleLimit goes up to 64). Default 64.</summary>
        public int MaxConnections { get; set; } = 64;

        /// <summary>The largest answer read; anything larger is refused as an invalid answer. Default 32 MiB.</summary>
        public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

        /// <summary>The first backoff delay; doubled each retry, with jitter. Default 0.5 s.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>The longest wait between two tries. Default 30 s.</summary>
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Receives one line per request (method, path, status, time); never a token. Called from any thread.</summary>
        public Action<string>? Trace { get; set; }

        public static Uri NormalizeBase(Uri baseUri)
        {
            if (baseUri is null)
            {
                throw new ArgumentNullException(nameof(baseUri));
            }

            if (!baseUri.IsAbsoluteUri)
            {
                throw new ArgumentException($"The base URI '{baseUri}' is not absolute.", nameof(baseUri));
            }

            string text = baseUri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
        }
    }

    /// <summary>An answer that came back, with what it took to get it.</summary>
    public sealed class ApiResponse : IDisposable
    {
        internal ApiResponse(int status, JsonDocument? body, string? requestId, DateTimeOffset? date, int attempts, TimeSpan elapsed)
        {
            Status = status;
            Body = body;
            RequestId = requestId;
            Date = date;
            Attempts = attempts;
            Elapsed = elapsed;
        }

        public int Status { get; }
        public JsonDocument? Body { get; }
        public string? RequestId { get; }
        /// <summary>The service's Date header: its clock at the answer.</summary>
        public DateTimeOffset? Date { get; }
        public int Attempts { get; internal set; }
        /// <summary>Time of the last try alone.</summary>
        public TimeSpan Elapsed { get; }
        /// <summary>True when the outcome was unknown (lost connection, 5xx) and a read showed the change was applied.</summary>
        public bool AppliedByVerification { get; internal set; }
        public bool IsSuccess => Status >= 200 && Status < 300;

        /// <summary>The "data" object of a one-item answer.</summary>
        public JsonElement Data()
        {
            if (Body is null)
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service answered HTTP {Status} with an empty body where a record was expected.", Status, requestId: RequestId, attempts: Attempts);
            }

            JsonElement root = Body.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out JsonElement data) ||
                data.ValueKind != JsonValueKind.Object)
            {
                string what = root.ValueKind != JsonValueKind.Object ? "is not a JSON object"
                    : !root.TryGetProperty("data", out JsonElement d) ? "has no 'data'"
                    : d.ValueKind == JsonValueKind.Null ? "has 'data' null" : "has 'data' that is not an object";
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service's answer (HTTP {Status}) {what}.", Status, requestId: RequestId, attempts: Attempts);
            }

            return data;
        }

        /// <summary>Throws the service's error as a <see cref="TallyfyApiException"/> unless this is a 2xx.</summary>
        public void EnsureSuccess()
        {
            if (!IsSuccess)
            {
                throw ToException();
            }
        }

        public TallyfyApiException ToException()
        {
            string? message = null;
            string? code = null;
            if (Body != null && Body.RootElement.ValueKind == JsonValueKind.Object)
            {
                JsonElement root = Body.RootElement;
                message = SafeString(root, "message") ?? SafeString(root, "error_description");
                code = SafeString(root, "code") ?? (root.TryGetProperty("error", out JsonElement e) ? Json.TryText(e) : null);
                if (root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    var details = new List<string>();
                    foreach (JsonProperty field in errors.EnumerateObject())
                    {
                        if (field.Value.ValueKind == JsonValueKind.Array)
                        {
                            foreach (JsonElement m in field.Value.EnumerateArray())
                            {
                                if (Json.TryText(m) is string text) details.Add(field.Name + ": " + text);
                            }
                        }
                        else if (Json.TryText(field.Value) is string text)
                        {
                            details.Add(field.Name + ": " + text);
                        }
                    }

                    if (details.Count > 0)
                    {
                        message = (message is null ? string.Empty : message.TrimEnd('.') + ": ") + string.Join("; ", details);
                    }
                }
            }

            if (string.IsNullOrWhiteSpace(message))
            {
                message = "HTTP " + Status.ToString(CultureInfo.InvariantCulture) + " " + ReasonOf(Status);
            }

            if (message!.Length > 500)
            {
                message = message.Substring(0, 500) + "...";
            }

            return new TallyfyApiException(TallyfyApiException.KindOf((HttpStatusCode)Status), message, Status, code, RequestId, Attempts);
        }

        public void Dispose() => Body?.Dispose();

        private static string? SafeString(JsonElement root, string name) =>
            root.TryGetProperty(name, out JsonElement v) ? Json.TryText(v) : null;

        internal static string ReasonOf(int status)
        {
            switch (status)
            {
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 409: return "Conflict";
                case 422: return "Unprocessable Entity";
                case 429: return "Too Many Requests";
                case 500: return "Internal Server Error";
                case 502: return "Bad Gateway";
                case 503: return "Service Unavailable";
                case 504: return "Gateway Timeout";
                default: return string.Empty;
            }
        }
    }

    /// <summary>A page of a list answer.</summary>
    public sealed class ApiPage<T>
    {
        public ApiPage(IReadOnlyList<T> items, int? total, int currentPage, int? totalPages, bool hasNextLink, int perPage)
        {
            Items = items;
            Total = total;
            CurrentPage = currentPage;
            TotalPages = totalPages;
            HasNextLink = hasNextLink;
            PerPage = perPage;
        }

        public IReadOnlyList<T> Items { get; }
        public int? Total { get; }
        public int CurrentPage { get; }
        public int? TotalPages { get; }
        public bool HasNextLink { get; }
        public int PerPage { get; }

        /// <summary>Whether another page follows: by the page counts, falling back on links.next.</summary>
        public bool HasMore => TotalPages.HasValue ? CurrentPage < TotalPages.Value : HasNextLink;
    }

    /// <summary>
    /// The HTTP side of TallyfyPS: one HttpClient per session, authentication, retries with backoff,
    /// rate-limit pacing, verification of mutations whose outcome is unknown, and defensive reading
    /// of answers. It knows nothing of PowerShell.
    /// </summary>
    public sealed class TallyfyClient : IDisposable
    {
        private static readonly string UserAgent = "TallyfyPS/" +
            (typeof(TallyfyClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

        private readonly HttpClient _http;
        private readonly RateGate _gate = new RateGate();
        private readonly ThreadLocal<Random> _random = new ThreadLocal<Random>(() => new Random(Guid.NewGuid().GetHashCode()));

        public TallyfyClient(TallyfyClientOptions options, HttpMessageHandler? handler = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            RefuseInsecure(options.BaseUri);
            if (handler is null)
            {
                var h = new HttpClientHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                };
                try
                {
                    h.MaxConnectionsPerServer = Math.Max(2, options.MaxConnections);
                }
                catch (PlatformNotSupportedException)
                {
                    // Older frameworks size the pool through ServicePointManager instead.
                }

                handler = h;
            }

            _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }

        public TallyfyClientOptions Options { get; }


        /// <summary>Plain http is allowed only to this machine, where no token can be overheard.</summary>
        public static void RefuseInsecure(Uri baseUri)
        {
            if (baseUri.Scheme == Uri.UriSchemeHttps)
            {
                return;
            }

            if (baseUri.Scheme != Uri.UriSchemeHttp)
            {
                throw new ArgumentException($"The base URI '{baseUri}' must use https.", nameof(baseUri));
            }

            if (!IsLoopback(baseUri))
            {
                throw new ArgumentException(
                    $"The base URI '{baseUri.GetLeftPart(UriPartial.Authority)}' uses plain http to a host that is not this machine; " +
                    "the access token would cross the network unencrypted. Use https (plain http is allowed only for loopback addresses such as a local sandbox).",
                    nameof(baseUri));
            }
        }

        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback)
            {
                return true;
            }

            string host = uri.DnsSafeHost;
            return IPAddress.TryParse(host, out IPAddress? ip) && IPAddress.IsLoopback(ip);
        }

        /// <summary>Sends a request with retries. Returns any answer that retrying cannot improve (2xx and final 4xx/5xx).</summary>
        /// <param name="verifyApplied">
        /// For a mutation: asked when its outcome is unknown (connection lost, timeout, 5xx) whether the
        /// change is in place: true (report success, do not repeat), false (safe to repeat), null (cannot tell: repeat).
        /// </param>
        public async Task<ApiResponse> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? query = null,
            object? jsonBody = null, Func<CancellationToken, Task<bool?>>? verifyApplied = null, CancellationToken cancellationToken = default)
        {
            bool isRead = method == HttpMethod.Get || method == HttpMethod.Head;
            Uri uri = BuildUri(path, query);
            byte[]? body = jsonBody is null ? null : JsonSerializer.SerializeToUtf8Bytes(jsonBody, jsonBody.GetType());
            int attempts = 0; // every request sent for this call, verification reads included
            int sends = 0;    // tries of this request: what MaxRetries bounds
            int redirects = 0;
            bool renewed = false;
            Exception? lastError = null;
            ApiResponse? lastResponse = null;

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                attempts++;
                sends++;
                bool probe = await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                var stopwatch = Stopwatch.StartNew();
                ApiResponse? response = null;
                bool outcomeUnknown = false;
                TimeSpan? retryAfter = null;
                try
                {
                    string token = await Options.Token.GetTokenAsync(this, renew: false, cancellationToken).ConfigureAwait(false);
                    using var request = new HttpRequestMessage(method, uri);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    request.Headers.TryAddWithoutValidation("X-Tallyfy-Client", "APIClient");
                    request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                    if (body != null)
                    {
                        request.Content = new ByteArrayContent(body);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    }

                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(Options.RequestTimeout);
                    HttpResponseMessage raw;
                    try
                    {
                        raw = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new TimeoutException($"No answer within {Options.RequestTimeout.TotalSeconds:0.#} s.");
                    }

                    using (raw)
                    {
                        int status = (int)raw.StatusCode;
                        retryAfter = RetryAfterOf(raw);
                        int? remaining = HeaderInt(raw, "X-RateLimit-Remaining");
                        _gate.Observe(probe, status, remaining, retryAfter);
                        probe = false;

                        if (status >= 300 && status < 400 && raw.Headers.Location != null)
                        {
                            Uri target = raw.Headers.Location.IsAbsoluteUri ? raw.Headers.Location : new Uri(uri, raw.Headers.Location);
                            Trace($"{method.Method} {uri.AbsolutePath} -> {status} redirect to {target.GetLeftPart(UriPartial.Path)}", stopwatch.Elapsed, attempts);
                            if (!SameOrigin(target, Options.BaseUri))
                            {
                                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                                    $"The service redirected the request to another host ({target.GetLeftPart(UriPartial.Authority)}). " +
                                    $"TallyfyPS does not follow redirects away from {Options.BaseUri.GetLeftPart(UriPartial.Authority)}, so the access token is never sent elsewhere; check the base URI.",
                                    status, attempts: attempts);
                            }

                            if (!isRead || ++redirects > 5)
                            {
                                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                                    $"The service answered HTTP {status} with a redirect that TallyfyPS does not follow for {method.Method}.", status, attempts: attempts);
                            }

                            uri = target;
                            attempts--;
                            sends--;
                            continue;
                        }

                        response = await ReadAsync(raw, status, attempts, stopwatch, timeout.Token, cancellationToken).ConfigureAwait(false);
                    }

                    Trace($"{method.Method} {uri.AbsolutePath} -> {response.Status} {ApiResponse.ReasonOf(response.Status)}".TrimEnd(), stopwatch.Elapsed, attempts);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    _gate.ReleaseProbe(probe);
                    throw;
                }
                catch (TallyfyApiException ex)
                {
                    _gate.ReleaseProbe(probe);
                    ex.Attempts = attempts;
                    throw;
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is TimeoutException ||
                                           ex is OperationCanceledException || ex is System.Net.Sockets.SocketException)
                {
                    _gate.ReleaseProbe(probe);
                    lastError = ex;
                    outcomeUnknown = true;
                    Trace($"{method.Method} {uri.AbsolutePath} -> no answer ({Describe(ex)})", stopwatch.Elapsed, attempts);
                }

                if (response != null)
                {
                    int status = response.Status;
                    if (status == 401 && !renewed && Options.Token.CanRenew)
                    {
                        renewed = true;
                        response.Dispose();
                        await Options.Token.GetTokenAsync(this, renew: true, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    bool retryable = status == 429 || (status >= 500 && status != 501 && status != 505);
                    if (!retryable)
                    {
                        lastResponse?.Dispose();
                        return response;
                    }

                    lastResponse?.Dispose();
                    lastResponse = response;
                    if (status != 429 && !isRead)
                    {
                        outcomeUnknown = true; // a 5xx may have come after the change was made
                    }
                }

                if (outcomeUnknown && !isRead && verifyApplied is null)
                {
                    // A create (POST) whose outcome is unknown cannot be checked and must not be sent twice.
                    if (response != null)
                    {
                        lastResponse = null;
                        return response;
                    }

                    throw new TallyfyApiException(TallyfyErrorKind.Transport,
                        $"The connection failed before {method.Method} {uri.AbsolutePath} was answered ({Describe(lastError)}); " +
                        "it was not repeated, because the service may have applied it. Check before you try again.",
                        null, attempts: attempts, inner: lastError);
                }

                if (outcomeUnknown && !isRead && verifyApplied != null)
                {
                    bool? applied;
                    try
                    {
                        applied = await verifyApplied(cancellationToken).ConfigureAwait(false);
                    }
                    catch (TallyfyApiException)
                    {
                        applied = null;
                    }

                    attempts++; // the verification read counts as a request for this item
                    if (applied == true)
                    {
                        lastResponse?.Dispose();
                        return new ApiResponse(200, null, null, null, attempts, TimeSpan.Zero) { AppliedByVerification = true };
                    }
                }

                if (sends > Options.MaxRetries + (renewed ? 1 : 0))
                {
                    if (response != null && lastResponse != null)
                    {
                        // The last try was answered (429 or 5xx): that answer is the outcome.
                        lastResponse.Attempts = attempts;
                        return lastResponse;
                    }

                    lastResponse?.Dispose();
                    throw new TallyfyApiException(TallyfyErrorKind.Transport,
                        $"The service could not be reached after {sends} attempt(s): {Describe(lastError)}", null, attempts: attempts, inner: lastError);
                }

                TimeSpan delay = Backoff(sends, response?.Status == 429 ? retryAfter : null);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Reads one page of a list.</summary>
        public async Task<ApiPage<T>> GetPageAsync<T>(string path, IEnumerable<KeyValuePair<string, string>> query, int page, int perPage,
            Func<JsonElement, T> map, CancellationToken cancellationToken)
        {
            var q = new List<KeyValuePair<string, string>>(query)
            {
                new KeyValuePair<string, string>("page", page.ToString(CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string>("per_page", perPage.ToString(CultureInfo.InvariantCulture)),
            };
            using ApiResponse response = await SendAsync(HttpMethod.Get, path, q, cancellationToken: cancellationToken).ConfigureAwait(false);
            response.EnsureSuccess();
            if (response.Body is null || response.Body.RootElement.ValueKind != JsonValueKind.Object ||
                !response.Body.RootElement.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service's list answer (HTTP {response.Status}) has no 'data' list.", response.Status, requestId: response.RequestId, attempts: response.Attempts);
            }

            var items = new List<T>(data.GetArrayLength());
            foreach (JsonElement item in data.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                        "The service's list answer holds an entry that is not an object.", response.Status, requestId: response.RequestId);
                }

                items.Add(map(item));
            }

            int? total = null, totalPages = null, current = null, perPageSeen = null;
            bool hasNext = false;
            JsonElement root = response.Body.RootElement;
            if (root.TryGetProperty("meta", out JsonElement meta) && meta.ValueKind == JsonValueKind.Object &&
                meta.TryGetProperty("pagination", out JsonElement p) && p.ValueKind == JsonValueKind.Object)
            {
                total = Json.Int(p, "total");
                totalPages = Json.Int(p, "total_pages");
                current = Json.Int(p, "current_page");
                perPageSeen = Json.Int(p, "per_page");
                // links: {next: ...} | {} | [] | null | absent: only an object with a non-empty next means more.
                if (p.TryGetProperty("links", out JsonElement links) && links.ValueKind == JsonValueKind.Object &&
                    links.TryGetProperty("next", out JsonElement next) && !string.IsNullOrEmpty(Json.TryText(next)))
                {
                    hasNext = true;
                }
            }
            else
            {
                // No pagination metadata: a full page may have a successor.
                hasNext = items.Count >= perPage;
            }

            return new ApiPage<T>(items, total, current ?? page, totalPages, hasNext, perPageSeen ?? perPage);
        }

        /// <summary>Posts a form (OAuth), without a bearer token. Throws on anything but 2xx.</summary>
        internal async Task<JsonDocument> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
        {
            Uri uri = BuildUri(path, null);
            for (int attempt = 1; ; attempt++)
            {
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    request.Headers.TryAddWithoutValidation("X-Tallyfy-Client", "APIClient");
                    request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(Options.RequestTimeout);
                    using HttpResponseMessage raw = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    int status = (int)raw.StatusCode;
                    using ApiResponse response = await ReadAsync(raw, status, attempt, stopwatch, timeout.Token, cancellationToken).ConfigureAwait(false);
                    Trace($"POST {uri.AbsolutePath} -> {status} {ApiResponse.ReasonOf(status)}".TrimEnd(), stopwatch.Elapsed, attempt);
                    if ((status == 429 || status >= 500) && attempt <= Options.MaxRetries)
                    {
                        await Task.Delay(Backoff(attempt, RetryAfterOf(raw)), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (!response.IsSuccess)
                    {
                        TallyfyApiException error = response.ToException();
                        throw new TallyfyApiException(status == 400 || status == 401 ? TallyfyErrorKind.Unauthorized : error.Kind,
                            "Signing in with the OAuth client failed: " + error.Message, status, error.ErrorCode, error.RequestId, attempt);
                    }

                    if (response.Body is null)
                    {
                        throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse, "The OAuth token answer is empty.", status);
                    }

                    return JsonDocument.Parse(response.Body.RootElement.GetRawText());
                }
                catch (Exception ex) when ((ex is HttpRequestException || ex is IOException || ex is OperationCanceledException) &&
                                           !cancellationToken.IsCancellationRequested && attempt <= Options.MaxRetries)
                {
                    await Task.Delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public Uri BuildUri(string path, IEnumerable<KeyValuePair<string, string>>? query)
        {
            var sb = new StringBuilder(Options.BaseUri.AbsoluteUri);
            sb.Append(path.TrimStart('/'));
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

        private async Task<ApiResponse> ReadAsync(HttpResponseMessage raw, int status, int attempts, Stopwatch stopwatch,
            CancellationToken readToken, CancellationToken userToken)
        {
            string? requestId = raw.Headers.TryGetValues("X-Request-Id", out IEnumerable<string>? ids) ? ids.FirstOrDefault() : null;
            DateTimeOffset? date = raw.Headers.Date;
            if (raw.Content is null)
            {
                return new ApiResponse(status, null, requestId, date, attempts, stopwatch.Elapsed);
            }

            if (raw.Content.Headers.ContentLength > Options.MaxResponseBytes)
            {
                throw TooLarge(status, requestId);
            }

            string? mediaType = raw.Content.Headers.ContentType?.MediaType;
            bool html = mediaType != null && mediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0;
            try
            {
                // Parsed straight from the socket into pooled buffers: no copy of the body, no large-object-heap
                // arrays per page, so listing 100,000 runs keeps memory flat.
                using Stream stream = await raw.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var limited = new BoundedStream(stream, Options.MaxResponseBytes);
                if (html)
                {
                    await limited.DrainAsync(readToken).ConfigureAwait(false);
                    if (!limited.SawContent || status >= 500 || status == 429)
                    {
                        return new ApiResponse(status, null, requestId, date, attempts, stopwatch.Elapsed);
                    }

                    throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                        $"The service answered HTTP {status} with an HTML page instead of JSON; a proxy or the wrong base URI may be in the way.",
                        status, requestId: requestId, attempts: attempts);
                }

                try
                {
                    JsonDocument doc = await JsonDocument.ParseAsync(limited, new JsonDocumentOptions { MaxDepth = 64 }, readToken).ConfigureAwait(false);
                    return new ApiResponse(status, doc, requestId, date, attempts, stopwatch.Elapsed);
                }
                catch (JsonException ex)
                {
                    if (!limited.SawContent)
                    {
                        return new ApiResponse(status, null, requestId, date, attempts, stopwatch.Elapsed); // empty body
                    }

                    if (status >= 500 || status == 429)
                    {
                        return new ApiResponse(status, null, requestId, date, attempts, stopwatch.Elapsed);
                    }

                    throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                        $"The service answered HTTP {status} with a body that is not valid JSON ({limited.BytesRead} bytes; {FirstLine(ex.Message)}).",
                        status, requestId: requestId, attempts: attempts, inner: ex);
                }
            }
            catch (BoundedStream.LimitExceededException)
            {
                throw TooLarge(status, requestId);
            }
            catch (OperationCanceledException) when (!userToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The answer did not arrive whole within {Options.RequestTimeout.TotalSeconds:0.#} s.");
            }
        }

        private static string FirstLine(string text)
        {
            int cut = text.IndexOfAny(new[] { '\r', '\n' });
            return cut < 0 ? text : text.Substring(0, cut);
        }

        private TallyfyApiException TooLarge(int status, string? requestId) =>
            new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                $"The service's answer (HTTP {status}) is larger than {Options.MaxResponseBytes / (1024 * 1024)} MiB; TallyfyPS refuses it.",
                status, requestId: requestId);

        private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
        {
            double exp = Options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
            double capped = Math.Min(Options.RetryMaxDelay.TotalMilliseconds, exp);
            double jittered = capped * (0.5 + (_random.Value!.NextDouble() * 0.5));
            if (retryAfter.HasValue)
            {
                // Never earlier than the service asked; a little jitter after it spreads the retries.
                double floor = retryAfter.Value.TotalMilliseconds;
                return TimeSpan.FromMilliseconds(floor + (_random.Value!.NextDouble() * Math.Min(250, capped)));
            }

            return TimeSpan.FromMilliseconds(jittered);
        }

        internal static TimeSpan? RetryAfterOf(HttpResponseMessage raw)
        {
            RetryConditionHeaderValue? value = raw.Headers.RetryAfter;
            if (value is null)
            {
                return null;
            }

            if (value.Delta.HasValue)
            {
                return value.Delta.Value < TimeSpan.Zero ? TimeSpan.Zero : Cap(value.Delta.Value);
            }

            if (value.Date.HasValue)
            {
                DateTimeOffset reference = raw.Headers.Date ?? DateTimeOffset.UtcNow;
                TimeSpan wait = value.Date.Value - reference;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : Cap(wait);
            }

            return null;
        }

        private static TimeSpan Cap(TimeSpan wait) => wait > TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(10) : wait;

        private static int? HeaderInt(HttpResponseMessage raw, string name) =>
            raw.Headers.TryGetValues(name, out IEnumerable<string>? values) &&
            int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : (int?)null;

        private static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

        private static string Describe(Exception? ex)
        {
            if (ex is null)
            {
                return "no answer";
            }

            Exception inner = ex;
            while (inner.InnerException != null && (inner is HttpRequestException || inner is AggregateException))
            {
                inner = inner.InnerException;
            }

            return inner.Message;
        }

        private void Trace(string line, TimeSpan elapsed, int attempt)
        {
            Action<string>? trace = Options.Trace;
            if (trace != null)
            {
                trace(attempt > 1
                    ? $"{line} ({elapsed.TotalMilliseconds:0} ms, attempt {attempt})"
                    : $"{line} ({elapsed.TotalMilliseconds:0} ms)");
            }
        }

        public void Dispose()
        {
            _http.Dispose();
            _random.Dispose();
        }
    }
}
