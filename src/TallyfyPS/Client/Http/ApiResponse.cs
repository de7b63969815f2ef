using System;
using System.Text.Json;

namespace TallyfyPS.Client
{
    /// <summary>An answer that came back.</summary>
    internal sealed class ApiResponse : IDisposable
    {
        internal ApiResponse(int status, JsonDocument? body, string? requestId, DateTimeOffset? date)
        {
            Status = status;
            Body = body;
            RequestId = requestId;
            Date = date;
        }

        public int Status { get; }
        public JsonDocument? Body { get; }
        public string? RequestId { get; }
        /// <summary>The service's Date header: its clock at the answer (to the second).</summary>
        public DateTimeOffset? Date { get; }
        /// <summary>True when the outcome was unknown (lost connection, 5xx) and a read showed the change was applied.</summary>
        public bool AppliedByVerification { get; private set; }
        public bool IsSuccess => Status >= 200 && Status < 300;
        /// <summary>How long a 429 asked to wait (Retry-After, or X-RateLimit-Reset), uncapped; null when it did not say.</summary>
        public TimeSpan? RetryAfter { get; internal set; }
        /// <summary>The answer's headers (content headers too), kept only when the request asked (<see cref="ApiRequest.KeepHeaders"/>).</summary>
        public System.Collections.Generic.IReadOnlyDictionary<string, string>? Headers { get; internal set; }

        /// <summary>The answer made up for a change that a read showed applied.</summary>
        internal static ApiResponse Verified() => new ApiResponse(200, null, null, null) { AppliedByVerification = true };

        /// <summary>The "data" object of a one-item answer.</summary>
        public JsonElement Data()
        {
            if (Body is null)
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service answered HTTP {Status} with an empty body where a record was expected.", Status, requestId: RequestId);
            }

            JsonElement root = Body.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out JsonElement data) ||
                data.ValueKind != JsonValueKind.Object)
            {
                string what = root.ValueKind != JsonValueKind.Object ? "is not a JSON object"
                    : !root.TryGetProperty("data", out JsonElement d) ? "has no 'data'"
                    : d.ValueKind == JsonValueKind.Null ? "has 'data' null" : "has 'data' that is not an object";
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service's answer (HTTP {Status}) {what}.", Status, requestId: RequestId);
            }

            return data;
        }

        /// <summary>The "data" list of a list answer.</summary>
        public JsonElement DataList()
        {
            if (Body is null || Body.RootElement.ValueKind != JsonValueKind.Object ||
                !Body.RootElement.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service's list answer (HTTP {Status}) has no 'data' list.", Status, requestId: RequestId);
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

        public TallyfyApiException ToException() => ApiErrorReader.Read(this);

        public void Dispose() => Body?.Dispose();
    }
}
