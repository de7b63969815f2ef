using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>Outcome of an API handler, written by the pipeline.</summary>
public sealed class ApiResult
{
    public ApiResult(int status, JsonNode? body)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; }
    public JsonNode? Body { get; }

    /// <summary>When true, nothing is written (an empty body), even if Body is null.</summary>
    public bool Empty { get; init; }

    public Dictionary<string, string>? Headers { get; init; }

    public static ApiResult Ok(JsonNode body) => new ApiResult(200, body);

    public static ApiResult NoContent(int status) => new ApiResult(status, null) { Empty = true };

    public static ApiResult Error(int status, string message, string? code = null)
    {
        var o = new JsonObject { ["error"] = true, ["message"] = message };
        if (code is not null)
        {
            o["code"] = code;
        }

        return new ApiResult(status, o);
    }

    public static ApiResult NotFound() => Error(404, "Resource not found", "RESOURCE_NOT_FOUND");

    public static ApiResult EndpointNotFound() => Error(404, "API endpoint not found", "ENDPOINT_NOT_FOUND");

    public static ApiResult Forbidden(string message) => Error(403, message);

    /// <summary>A 429 with <c>Retry-After</c> (seconds).</summary>
    public static ApiResult TooManyRequests(string message, int retryAfterSeconds) =>
        new ApiResult(429, new JsonObject { ["message"] = message, ["code"] = "RATE_LIMIT_EXCEEDED" })
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

    public static ApiResult Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });

    public static ApiResult Invalid(Dictionary<string, string> errors)
    {
        var e = new JsonObject();
        foreach (var kv in errors)
        {
            e[kv.Key] = new JsonArray(kv.Value);
        }

        return new ApiResult(422, new JsonObject { ["message"] = "The given data was invalid.", ["errors"] = e });
    }
}
