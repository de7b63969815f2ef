using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Reads an answer's body defensively: JSON parsed straight from the socket into pooled buffers (no copy,
    /// no large-object-heap arrays, so listing 100,000 runs keeps memory flat), at most MaxResponseBytes, an
    /// HTML page or a body that is not JSON refused as an invalid answer (except on 429/5xx, where the status
    /// says enough).
    /// </summary>
    internal sealed class ResponseReader
    {
        private readonly long _maxBytes;
        private readonly TimeSpan _timeout;

        public ResponseReader(long maxBytes, TimeSpan timeout)
        {
            _maxBytes = maxBytes;
            _timeout = timeout;
        }

        public async Task<ApiResponse> ReadAsync(HttpResponseMessage raw, CancellationToken readToken, CancellationToken userToken)
        {
            int status = (int)raw.StatusCode;
            string? requestId = raw.Headers.TryGetValues("X-Request-Id", out IEnumerable<string>? ids) ? ids.FirstOrDefault() : null;
            DateTimeOffset? date = raw.Headers.Date;
            ApiResponse Empty() => new ApiResponse(status, null, requestId, date);
            if (raw.Content is null)
            {
                return Empty();
            }

            if (raw.Content.Headers.ContentLength > _maxBytes)
            {
                throw TooLarge(status, requestId);
            }

            string? mediaType = raw.Content.Headers.ContentType?.MediaType;
            bool html = mediaType != null && mediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0;
            bool statusSaysEnough = status >= 500 || status == 429;
            try
            {
                using Stream stream = await raw.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var limited = new BoundedStream(stream, _maxBytes);
                if (html)
                {
                    await limited.DrainAsync(readToken).ConfigureAwait(false);
                    if (!limited.SawContent || statusSaysEnough)
                    {
                        return Empty();
                    }

                    throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                        $"The service answered HTTP {status} with an HTML page instead of JSON; a proxy or the wrong base URI may be in the way.",
                        status, requestId: requestId);
                }

                try
                {
                    JsonDocument doc = await JsonDocument.ParseAsync(limited, new JsonDocumentOptions { MaxDepth = 64 }, readToken).ConfigureAwait(false);
                    return new ApiResponse(status, doc, requestId, date);
                }
                catch (JsonException ex)
                {
                    if (!limited.SawContent || statusSaysEnough)
                    {
                        return Empty(); // an empty body, or a broken one where the status is the answer
                    }

                    throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                        $"The service answered HTTP {status} with a body that is not valid JSON ({limited.BytesRead} bytes; {FirstLine(ex.Message)}).",
                        status, requestId: requestId, inner: ex);
                }
            }
            catch (BoundedStream.LimitExceededException)
            {
                throw TooLarge(status, requestId);
            }
            catch (OperationCanceledException) when (!userToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The answer did not arrive whole within {_timeout.TotalSeconds:0.#} s.");
            }
        }

        private TallyfyApiException TooLarge(int status, string? requestId) =>
            new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                $"The service's answer (HTTP {status}) is larger than {_maxBytes / (1024 * 1024)} MiB; TallyfyPS refuses it.",
                status, requestId: requestId);

        private static string FirstLine(string text)
        {
            int cut = text.IndexOfAny(new[] { '\r', '\n' });
            return cut < 0 ? text : text.Substring(0, cut);
        }
    }
}
