using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Raw requests (Invoke-TallyfyApi): any method and path of Tallyfy's API, sent through the same client as every
    /// cmdlet (bearer token and its renewal, X-Tallyfy-Client, retries, throttling, the size cap, trace lines, Ctrl+C),
    /// and paged through the one page loop (<see cref="PagedWalker{T}"/>). The answer is read as plain data
    /// (<see cref="RawJson"/>); the caller shapes it.
    /// </summary>
    internal sealed partial class TallyfyApi
    {
        /// <summary>
        /// Resolves what a script typed into a request: a path relative to the organization (<c>organizations/{org}/</c> is
        /// put in front unless it starts with <c>me</c>, <c>organizations/</c> or <c>oauth/</c>; <c>{org}</c> in it is the
        /// organization's id), or an absolute URL on the session's own host (and scheme and port) only, so that the token
        /// never goes anywhere else. A query in the path is kept, followed by <paramref name="query"/>.
        /// </summary>
        /// <exception cref="RawPathException">For a method, path or URL that cannot be sent (nothing is sent).</exception>
        public RawCall Raw(string organizationId, string method, string path, IReadOnlyList<KeyValuePair<string, string>>? query, string? jsonBody, bool idempotent)
        {
            HttpMethod verb = MethodOf(method);
            if (jsonBody != null)
            {
                if (verb == HttpMethod.Get)
                {
                    throw new RawPathException(jsonBody, false, "A GET sends no body; pass what it reads with -Query.", body: true);
                }

                try
                {
                    using (JsonDocument.Parse(jsonBody))
                    {
                    }
                }
                catch (JsonException ex)
                {
                    throw new RawPathException(jsonBody, false, $"The body is not valid JSON ({ex.Message.Split('\n')[0].Trim()}).", body: true);
                }
            }

            string text = (path ?? string.Empty).Trim();
            if (text.Length == 0)
            {
                throw new RawPathException(path ?? string.Empty, false, "The path is empty.");
            }

            Uri root = Http.Options.BaseUri;
            var pairs = new List<KeyValuePair<string, string>>();
            string relative;
            Uri? address = null;
            if (text.IndexOf("://", StringComparison.Ordinal) > 0)
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? absolute) || (absolute.Scheme != Uri.UriSchemeHttps && absolute.Scheme != Uri.UriSchemeHttp))
                {
                    throw new RawPathException(text, false, "It is neither a path under the API root nor an http(s) URL.");
                }

                if (!SameOrigin(absolute, root))
                {
                    // Named by scheme, host, port and path only: a user name and password or a query may hold secrets.
                    string origin = absolute.Scheme + "://" + absolute.Authority;
                    throw new RawPathException(origin + absolute.AbsolutePath, true,
                        $"'{origin}' is not the session's API host ({root.GetLeftPart(UriPartial.Authority)}): the token is sent to no other address.");
                }

                pairs.AddRange(QueryOf(absolute.Query));
                string left = absolute.GetLeftPart(UriPartial.Path);
                if (left.StartsWith(root.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
                {
                    relative = left.Substring(root.AbsoluteUri.Length);
                }
                else
                {
                    // The same host outside the API root (an OAuth token URL at the site root): sent to as it is.
                    relative = absolute.AbsolutePath.TrimStart('/');
                    address = new Uri(left);
                }
            }
            else
            {
                int mark = text.IndexOf('?');
                if (mark >= 0)
                {
                    pairs.AddRange(QueryOf(text.Substring(mark)));
                    text = text.Substring(0, mark);
                }

                relative = Paths.UnderOrganization(organizationId, text.TrimStart('/'));
            }

            relative = relative.Replace("{org}", TallyfyClient.Segment(organizationId)).Replace("{organization}", TallyfyClient.Segment(organizationId));
            if (query != null)
            {
                // -Query wins over the same key written in the path: each key is sent once.
                var given = query.ToList();
                pairs.RemoveAll(p => given.Any(q => string.Equals(q.Key, p.Key, StringComparison.Ordinal)));
                pairs.AddRange(given);
            }

            if (address != null && pairs.Count > 0)
            {
                address = Http.BuildUriAt(address, pairs);
            }

            return new RawCall(verb, relative, address, pairs, jsonBody, idempotent);
        }

        /// <summary>
        /// Sends a raw request once through the send loop. Returns the answer's <c>data</c> shaped item by item (a list's
        /// items, or its one item), the whole body where it has no <c>data</c>, nothing for an empty answer.
        /// </summary>
        /// <exception cref="TallyfyApiException">An error answer (Tallyfy's message, code and field errors), or none.</exception>
        public async Task<IReadOnlyList<T>> SendRawAsync<T>(RawCall call, Func<object?, T> shape, CallContext context)
        {
            using ApiResponse response = await Http.SendAsync(RequestOf(call, keepHeaders: false), context.NewCounter()).ConfigureAwait(false);
            response.EnsureSuccess();
            if (response.Body is null)
            {
                return Array.Empty<T>();
            }

            JsonElement root = response.Body.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out JsonElement data))
            {
                switch (data.ValueKind)
                {
                    case JsonValueKind.Array:
                        var items = new List<T>(data.GetArrayLength());
                        foreach (JsonElement e in data.EnumerateArray())
                        {
                            items.Add(shape(RawJson.Plain(e)));
                        }

                        return items;
                    case JsonValueKind.Null:
                        return Array.Empty<T>();
                    default:
                        return new[] { shape(RawJson.Plain(data)) };
                }
            }

            return new[] { shape(RawJson.Plain(root)) };
        }

        /// <summary>Sends a raw request once through the send loop and gives the answer as it came: status, headers, body text.</summary>
        /// <exception cref="TallyfyApiException">When no answer came, or it was refused (too large, HTML).</exception>
        public async Task<TallyfyApiResponse> SendVerbatimAsync(RawCall call, CallContext context)
        {
            using ApiResponse response = await Http.SendAsync(RequestOf(call, keepHeaders: true), context.NewCounter()).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, string> h in response.Headers ?? new Dictionary<string, string>())
            {
                headers[h.Key] = h.Value;
            }

            return new TallyfyApiResponse
            {
                StatusCode = response.Status,
                Headers = headers,
                Body = response.Body?.RootElement.GetRawText() ?? string.Empty,
                RequestId = response.RequestId,
                Request = call.ToString(),
            };
        }

        /// <summary>
        /// Every page of a raw GET list, page after page through <see cref="PagedWalker{T}"/> (pages of -Query's per_page, else
        /// 100; a page in the query is ignored).
        /// </summary>
        public PagedWalker<T> RawPages<T>(RawCall call, Func<object?, T> shape, Func<T, string> idOf)
        {
            int perPage = Paths.MaxPageSize;
            var query = new List<KeyValuePair<string, string>>();
            foreach (KeyValuePair<string, string> kv in call.Query)
            {
                if (string.Equals(kv.Key, "per_page", StringComparison.Ordinal))
                {
                    if (int.TryParse(kv.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size > 0)
                    {
                        perPage = size;
                    }
                }
                else if (!string.Equals(kv.Key, "page", StringComparison.Ordinal))
                {
                    query.Add(kv);
                }
            }

            var request = new ApiRequest(HttpMethod.Get, call.Path) { Query = query };
            return new PagedWalker<T>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => shape(RawJson.Plain(e)), counter),
                perPage, idOf);
        }

        private static ApiRequest RequestOf(RawCall call, bool keepHeaders) => new ApiRequest(call.Method, call.Path)
        {
            Address = call.Address,
            Query = call.Query.Count > 0 ? call.Query : null,
            JsonText = call.Body,
            // A change whose outcome is unknown is sent again only when the script says that is safe (-Idempotent).
            Repeatable = call.Idempotent,
            KeepHeaders = keepHeaders,
        };

        private static HttpMethod MethodOf(string method)
        {
            switch ((method ?? string.Empty).Trim().ToUpperInvariant())
            {
                case "GET": return HttpMethod.Get;
                case "POST": return HttpMethod.Post;
                case "PUT": return HttpMethod.Put;
                case "PATCH": return new HttpMethod("PATCH");
                case "DELETE": return HttpMethod.Delete;
                default: throw new RawPathException(method ?? string.Empty, false, "The method must be GET, POST, PUT, PATCH or DELETE.");
            }
        }

        private static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

        private static IEnumerable<KeyValuePair<string, string>> QueryOf(string query)
        {
            foreach (string pair in query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                string key = Uri.UnescapeDataString((eq < 0 ? pair : pair.Substring(0, eq)).Replace('+', ' '));
                string value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
                yield return new KeyValuePair<string, string>(key, value);
            }
        }
    }

    /// <summary>A raw request resolved: method, path under the API root (or an address on the same host), query and body.</summary>
    internal sealed class RawCall
    {
        public RawCall(HttpMethod method, string path, Uri? address, IReadOnlyList<KeyValuePair<string, string>> query, string? body, bool idempotent)
        {
            Method = method;
            Path = path;
            Address = address;
            Query = query;
            Body = body;
            Idempotent = idempotent;
        }

        public HttpMethod Method { get; }
        public string Path { get; }
        public Uri? Address { get; }
        public IReadOnlyList<KeyValuePair<string, string>> Query { get; }
        public string? Body { get; }
        public bool Idempotent { get; }
        public bool IsRead => Method == HttpMethod.Get;
        public string MethodName => Method.Method;

        /// <summary>"GET organizations/.../runs" (the query left out: it may hold a secret).</summary>
        public override string ToString() => Method.Method + " " + (Address?.GetLeftPart(UriPartial.Path) ?? Path);
    }

    /// <summary>A raw request that cannot be sent: a bad method or path, or an address on another host. Nothing was sent.</summary>
    internal sealed class RawPathException : ArgumentException
    {
        public RawPathException(string value, bool foreignHost, string message, bool body = false)
            : base(message)
        {
            Value = value;
            ForeignHost = foreignHost;
            Body = body;
        }

        /// <summary>The body is not JSON, or was given to a GET.</summary>
        public bool Body { get; }

        /// <summary>What was typed (an address by its scheme, host, port and path only).</summary>
        public string Value { get; }

        /// <summary>An absolute URL on another host, scheme or port than the session's.</summary>
        public bool ForeignHost { get; }
    }
}
