using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;

namespace TallyfyPS.Sandbox;

/// <summary>Everything mutable of one sandbox instance.</summary>
public sealed class SandboxRuntime
{
    private FaultSettings _faults = new FaultSettings();
    private SwitchSettings _switches = new SwitchSettings();

    public SandboxRuntime(SandboxOptions options)
    {
        Options = options;
        State = new SandboxState(options.Runs, options.Seed);
    }

    public SandboxOptions Options { get; }
    public SandboxState State { get; }
    public RequestLog Log { get; } = new RequestLog();
    public RateLimiter RateLimiter { get; } = new RateLimiter();
    public FaultRandom FaultRandom { get; } = new FaultRandom();

    public FaultSettings Faults
    {
        get => Volatile.Read(ref _faults);
        set
        {
            FaultRandom.Reseed(value.Seed);
            Volatile.Write(ref _faults, value);
        }
    }

    public SwitchSettings Switches
    {
        get => Volatile.Read(ref _switches);
        set => Volatile.Write(ref _switches, value);
    }

    public void Reset(int runs, int seed)
    {
        State.Reset(runs, seed);
        Log.Clear();
        RateLimiter.Clear();
        Faults = new FaultSettings();
        Switches = new SwitchSettings();
    }

    /// <summary>Resolves a bearer token to a user (PAT or unexpired issued OAuth token).</summary>
    public User? Authenticate(string token)
    {
        foreach (var u in SandboxState.Users)
        {
            if (string.Equals(u.Token, token, StringComparison.Ordinal))
            {
                return u;
            }
        }

        lock (State.Gate)
        {
            if (State.AccessTokens.TryGetValue(token, out var issued))
            {
                if (DateTime.UtcNow < issued.ExpiresAt)
                {
                    return SandboxState.UserById(issued.UserId);
                }

                State.AccessTokens.Remove(token);
            }
        }

        return null;
    }
}

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
