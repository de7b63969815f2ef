using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace TallyfyPS.Sandbox;

/// <summary>Request id, rate-limit headers, faults, authentication, error bodies and the request log for /api.</summary>
public static class ApiPipeline
{
    public const string UserKey = "sandbox.user";
    public const string LogEntryKey = "sandbox.logEntry";

    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || OAuth.IsTokenPath(path);

    public static async Task InvokeAsync(HttpContext ctx, RequestDelegate next, SandboxRuntime rt)
    {
        ctx.Response.Headers["X-Request-Id"] = Guid.NewGuid().ToString("N");
        SandboxClock.Use(rt);
        if (!IsApi(ctx.Request.Path))
        {
            try
            {
                await next(ctx);
                if (!ctx.Response.HasStarted && ctx.Response.StatusCode is 404 or 405 && (ctx.Response.ContentLength ?? 0) == 0)
                {
                    await ResponseWriter.WriteAsync(ctx, ctx.Response.StatusCode == 404 ? ApiResult.EndpointNotFound() : MethodNotAllowed(ctx));
                }
            }
            catch (Exception ex) when (!ctx.Response.HasStarted)
            {
                ctx.Response.Clear();
                await ResponseWriter.WriteAsync(ctx, ApiResult.Error(500, "Internal sandbox error: " + ex.Message, "SANDBOX_ERROR"));
            }

            return;
        }

        var faults = rt.Faults;
        var pending = new PendingLogEntry(rt.Log, new RequestLogEntry
        {
            Time = SandboxState.Iso(DateTime.UtcNow),
            StartSeq = rt.Log.Start(),
            Method = ctx.Request.Method,
            Path = ctx.Request.PathBase.Value + ctx.Request.Path.Value,
            Query = ctx.Request.QueryString.HasValue ? ctx.Request.QueryString.Value!.TrimStart('?') : "",
        });
        ctx.Items[LogEntryKey] = pending.Entry;
        try
        {
            int delay = faults.LatencyMethods is { } slow && !slow.Any(m => string.Equals(m, ctx.Request.Method, StringComparison.OrdinalIgnoreCase))
                ? 0
                : faults.LatencyMs + (faults.LatencyJitterMs > 0 ? rt.FaultRandom.Next(faults.LatencyJitterMs + 1) : 0);
            if (delay > 0)
            {
                pending.DefaultFault = "latency";
                try
                {
                    await Task.Delay(delay, ctx.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    pending.Commit(0);
                    return;
                }
            }

            await HandleAsync(ctx, next, rt, faults, pending);
        }
        catch (Exception ex) when (!ctx.Response.HasStarted && ex is not OperationCanceledException)
        {
            pending.Commit(500);
            await ResponseWriter.WriteAsync(ctx, ApiResult.Error(500, "Internal sandbox error: " + ex.Message, "SANDBOX_ERROR"));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            pending.Commit(0); // the client went away before an answer was decided
        }
        finally
        {
            pending.Commit(0);
        }
    }

    /// <summary>The organization id of an <c>/api/organizations/{org}/...</c> path, or null.</summary>
    internal static string? OrganizationOf(string path)
    {
        const string prefix = "/api/organizations/";
        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        int end = path.IndexOf('/', prefix.Length);
        return end < 0 ? path.Substring(prefix.Length) : path.Substring(prefix.Length, end - prefix.Length);
    }

    internal static ApiResult MethodNotAllowed(HttpContext ctx) =>
        ApiResult.Error(405, $"The {ctx.Request.Method} method is not supported for this route.", "METHOD_NOT_ALLOWED");

    /// <summary>A burst throttling 429: the body as the <c>burstBody</c> switch says (with the code, a bare message, or none).</summary>
    private static ApiResult TooMany(string retryAfter, string body)
    {
        var headers = new System.Collections.Generic.Dictionary<string, string> { ["Retry-After"] = retryAfter };
        return body switch
        {
            "empty" => new ApiResult(429, null) { Empty = true, Headers = headers },
            "message" => new ApiResult(429, new JsonObject { ["message"] = "Too Many Attempts." }) { Headers = headers },
            _ => new ApiResult(429, new JsonObject { ["message"] = "Too Many Attempts.", ["code"] = "RATE_LIMIT_EXCEEDED" }) { Headers = headers },
        };
    }

    private static ApiResult Injected(int status)
    {
        var r = ApiResult.Error(status, $"Injected failure (HTTP {status}).", "SANDBOX_FAULT");
        return status == 429 ? new ApiResult(429, r.Body) { Headers = new System.Collections.Generic.Dictionary<string, string> { ["Retry-After"] = "1" } } : r;
    }

    /// <summary>Rate limit, authentication and faults, then the endpoint; the log entry is committed before each answer is sent.</summary>
    private static async Task HandleAsync(HttpContext ctx, RequestDelegate next, SandboxRuntime rt, FaultSettings faults, PendingLogEntry pending)
    {
        // Burst throttling (per token, a window of a few seconds), enforced only when a limit is set. There is no per-minute budget.
        string auth = ctx.Request.Headers.Authorization.ToString();
        string token = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth.Substring(7).Trim() : "";
        string key = token.Length > 0 ? "t:" + token : "anon:" + ctx.Connection.RemoteIpAddress;
        var switches = rt.Switches;
        if (faults.BurstLimit is int burst)
        {
            DateTime now = DateTime.UtcNow;
            var (allowed, remaining, retry) = rt.RateLimiter.Hit(key, burst, true, now, TimeSpan.FromSeconds(faults.BurstWindowSeconds));
            if (switches.RateLimitHeaders == "present")
            {
                ctx.Response.Headers["X-RateLimit-Limit"] = burst.ToString(CultureInfo.InvariantCulture);
                ctx.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            }

            if (!allowed)
            {
                int seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                string value = faults.RetryAfter == "date"
                    ? now.AddSeconds(seconds + 1).ToString("R", CultureInfo.InvariantCulture)
                    : seconds.ToString(CultureInfo.InvariantCulture);
                pending.Commit(429, "burst");
                await ResponseWriter.WriteAsync(ctx, TooMany(value, switches.BurstBody));
                return;
            }
        }

        // Authentication.
        bool isOAuth = OAuth.IsTokenPath(ctx.Request.Path);
        if (!isOAuth)
        {
            string client = ctx.Request.Headers["X-Tallyfy-Client"].ToString();
            User? user = token.Length > 0 && client.Equals("APIClient", StringComparison.OrdinalIgnoreCase) ? rt.Authenticate(token) : null;
            if (user is null)
            {
                pending.Commit(401);
                await ResponseWriter.WriteAsync(ctx, ApiResult.Error(401, "Unauthenticated."));
                return;
            }

            ctx.Items[UserKey] = user;
            pending.Entry.UserId = user.Id;
        }

        // Per-id failures.
        string path = ctx.Request.Path.Value ?? "";
        foreach (var kv in faults.FailIds)
        {
            if (kv.Key.Length > 0 && path.Contains(kv.Key, StringComparison.OrdinalIgnoreCase))
            {
                pending.Commit(kv.Value, "fail-id");
                await ResponseWriter.WriteAsync(ctx, Injected(kv.Value));
                return;
            }
        }

        // Random faults.
        bool methodOk = faults.Methods is null || faults.Methods.Any(m => string.Equals(m, ctx.Request.Method, StringComparison.OrdinalIgnoreCase));
        bool resetAfter = false;
        if (methodOk)
        {
            if (faults.ThrottleRate > 0 && rt.FaultRandom.NextDouble() < faults.ThrottleRate)
            {
                pending.Commit(429, "throttle");
                await ResponseWriter.WriteAsync(ctx, TooMany(faults.ThrottleRetryAfterSeconds.ToString(CultureInfo.InvariantCulture), switches.BurstBody));
                return;
            }

            if (faults.ErrorRate > 0 && rt.FaultRandom.NextDouble() < faults.ErrorRate)
            {
                int status = faults.ErrorStatuses[rt.FaultRandom.Next(faults.ErrorStatuses.Length)];
                pending.Commit(status, "error");
                await ResponseWriter.WriteAsync(ctx, Injected(status));
                return;
            }

            if (faults.ResetBeforeRate > 0 && rt.FaultRandom.NextDouble() < faults.ResetBeforeRate)
            {
                pending.Commit(0, "reset-before");
                ctx.Abort();
                return;
            }

            resetAfter = faults.ResetAfterRate > 0 && rt.FaultRandom.NextDouble() < faults.ResetAfterRate;
        }

        var hostile = faults.Hostile;
        if (hostile is not null
            && (string.IsNullOrEmpty(hostile.PathContains) || path.Contains(hostile.PathContains, StringComparison.OrdinalIgnoreCase))
            && (hostile.Rate >= 1 || (hostile.Rate > 0 && rt.FaultRandom.NextDouble() < hostile.Rate)))
        {
            await HostileAnswers.WriteAsync(ctx, next, hostile.Mode, status => pending.Commit(status, "hostile"));
            return;
        }

        // The hourly comment cap counts every comment post route (comment, problem report, resolve; of a task or a run's task).
        var slots = CommentCap.IsCommentPost(ctx.Request.Method, path) && OrganizationOf(path) is string org
            ? rt.Caps.TryTake(org, HourlyCaps.Comments, 1, rt.Limits.CommentsPerWindow, TimeSpan.FromSeconds(rt.Limits.CommentWindowSeconds), SandboxClock.Now())
            : (Slots: null, RetryAfterSeconds: 0);
        if (slots.RetryAfterSeconds > 0)
        {
            pending.Commit(429, "comment-cap");
            await ResponseWriter.WriteAsync(ctx, CommentCap.Reached(rt.Limits, slots.RetryAfterSeconds));
            return;
        }

        var (code, body) = await RunBufferedAsync(ctx, next);
        if (slots.Slots is { } taken && code is < 200 or > 299)
        {
            rt.Caps.Release(taken); // refused: it did not count
        }

        if (resetAfter)
        {
            pending.Commit(0, "reset-after");
            ctx.Abort();
            return;
        }

        pending.Commit(code);
        await ResponseWriter.WriteBytesAsync(ctx, code, body);
    }

    /// <summary>Runs the endpoint into a buffer: the pipeline decides afterwards whether the answer is sent.</summary>
    internal static async Task<(int Status, byte[] Body)> RunBufferedAsync(HttpContext ctx, RequestDelegate next)
    {
        var original = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await next(ctx);
        }
        catch (Exception ex)
        {
            ctx.Response.Body = original;
            string? rid = ctx.Response.Headers["X-Request-Id"];
            string? lim = ctx.Response.Headers["X-RateLimit-Limit"];
            string? rem = ctx.Response.Headers["X-RateLimit-Remaining"];
            ctx.Response.Clear();
            ctx.Response.Headers["X-Request-Id"] = rid;
            ctx.Response.Headers["X-RateLimit-Limit"] = lim;
            ctx.Response.Headers["X-RateLimit-Remaining"] = rem;
            ctx.Response.StatusCode = 500;
            var err = new JsonObject { ["error"] = true, ["message"] = "Internal sandbox error: " + ex.Message, ["code"] = "SANDBOX_ERROR" };
            ctx.Response.ContentType = "application/json";
            return (500, ResponseWriter.Bytes(err));
        }
        finally
        {
            ctx.Response.Body = original;
        }

        int status = ctx.Response.StatusCode;
        byte[] bytes = buffer.ToArray();
        if (bytes.Length == 0 && status is 404 or 405)
        {
            var r = status == 404 ? ApiResult.EndpointNotFound() : MethodNotAllowed(ctx);
            ctx.Response.ContentType = "application/json";
            bytes = ResponseWriter.Bytes(r.Body);
        }

        return (status, bytes);
    }

}
