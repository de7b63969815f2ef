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

    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static async Task InvokeAsync(HttpContext ctx, RequestDelegate next, SandboxRuntime rt)
    {
        ctx.Response.Headers["X-Request-Id"] = Guid.NewGuid().ToString("N");
        if (!IsApi(ctx.Request.Path))
        {
            try
            {
                await next(ctx);
                if (!ctx.Response.HasStarted && ctx.Response.StatusCode is 404 or 405 && (ctx.Response.ContentLength ?? 0) == 0)
                {
                    await ApiEndpoints.WriteAsync(ctx, ctx.Response.StatusCode == 404 ? ApiResult.EndpointNotFound() : MethodNotAllowed(ctx));
                }
            }
            catch (Exception ex) when (!ctx.Response.HasStarted)
            {
                ctx.Response.Clear();
                await ApiEndpoints.WriteAsync(ctx, ApiResult.Error(500, "Internal sandbox error: " + ex.Message, "SANDBOX_ERROR"));
            }

            return;
        }

        var faults = rt.Faults;
        var entry = new RequestLogEntry
        {
            Time = SandboxState.Iso(DateTime.UtcNow),
            Method = ctx.Request.Method,
            Path = ctx.Request.PathBase.Value + ctx.Request.Path.Value,
            Query = ctx.Request.QueryString.HasValue ? ctx.Request.QueryString.Value!.TrimStart('?') : "",
        };
        string? fault = null;
        bool latency = false;
        try
        {
            int delay = faults.LatencyMs + (faults.LatencyJitterMs > 0 ? rt.FaultRandom.Next(faults.LatencyJitterMs + 1) : 0);
            if (delay > 0)
            {
                latency = true;
                try
                {
                    await Task.Delay(delay, ctx.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    entry.Status = 0;
                    return;
                }
            }

            entry.Status = await HandleAsync(ctx, next, rt, faults, entry, f => fault = f);
        }
        catch (Exception ex) when (!ctx.Response.HasStarted && ex is not OperationCanceledException)
        {
            await ApiEndpoints.WriteAsync(ctx, ApiResult.Error(500, "Internal sandbox error: " + ex.Message, "SANDBOX_ERROR"));
            entry.Status = 500;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            entry.Status = 0; // client went away
        }
        finally
        {
            entry.Fault = fault ?? (latency ? "latency" : null);
            rt.Log.Add(entry);
        }
    }

    private static ApiResult MethodNotAllowed(HttpContext ctx) =>
        ApiResult.Error(405, $"The {ctx.Request.Method} method is not supported for this route.", "METHOD_NOT_ALLOWED");

    private static ApiResult TooMany(string retryAfter) => new ApiResult(429, new JsonObject { ["message"] = "Too Many Attempts.", ["code"] = "RATE_LIMIT_EXCEEDED" })
    {
        Headers = new System.Collections.Generic.Dictionary<string, string> { ["Retry-After"] = retryAfter },
    };

    private static ApiResult Injected(int status)
    {
        var r = ApiResult.Error(status, $"Injected failure (HTTP {status}).", "SANDBOX_FAULT");
        return status == 429 ? new ApiResult(429, r.Body) { Headers = new System.Collections.Generic.Dictionary<string, string> { ["Retry-After"] = "1" } } : r;
    }

    private static async Task<int> HandleAsync(HttpContext ctx, RequestDelegate next, SandboxRuntime rt, FaultSettings faults, RequestLogEntry entry, Action<string> setFault)
    {
        // Rate limit (per token, rolling 60 s); always counted, enforced only when a limit is set.
        string auth = ctx.Request.Headers.Authorization.ToString();
        string token = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth.Substring(7).Trim() : "";
        string key = token.Length > 0 ? "t:" + token : "anon:" + ctx.Connection.RemoteIpAddress;
        bool enforce = faults.RateLimitPerMinute is not null;
        int limit = faults.RateLimitPerMinute ?? 600;
        DateTime now = DateTime.UtcNow;
        var (allowed, remaining, retry) = rt.RateLimiter.Hit(key, limit, enforce, now, TimeSpan.FromSeconds(faults.RateLimitWindowSeconds));
        ctx.Response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        if (!allowed)
        {
            int seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
            string value = faults.RetryAfter == "date"
                ? now.AddSeconds(seconds + 1).ToString("R", CultureInfo.InvariantCulture)
                : seconds.ToString(CultureInfo.InvariantCulture);
            setFault("rate-limit");
            await ApiEndpoints.WriteAsync(ctx, TooMany(value));
            return 429;
        }

        // Authentication.
        bool isOAuth = ctx.Request.Path.Equals("/api/oauth/token", StringComparison.OrdinalIgnoreCase);
        if (!isOAuth)
        {
            string client = ctx.Request.Headers["X-Tallyfy-Client"].ToString();
            User? user = token.Length > 0 && client.Equals("APIClient", StringComparison.OrdinalIgnoreCase) ? rt.Authenticate(token) : null;
            if (user is null)
            {
                await ApiEndpoints.WriteAsync(ctx, ApiResult.Error(401, "Unauthenticated."));
                return 401;
            }

            ctx.Items[UserKey] = user;
            entry.UserId = user.Id;
        }

        // Per-id failures.
        string path = ctx.Request.Path.Value ?? "";
        foreach (var kv in faults.FailIds)
        {
            if (kv.Key.Length > 0 && path.Contains(kv.Key, StringComparison.OrdinalIgnoreCase))
            {
                setFault("fail-id");
                await ApiEndpoints.WriteAsync(ctx, Injected(kv.Value));
                return kv.Value;
            }
        }

        // Random faults.
        bool methodOk = faults.Methods is null || faults.Methods.Any(m => string.Equals(m, ctx.Request.Method, StringComparison.OrdinalIgnoreCase));
        bool resetAfter = false;
        if (methodOk)
        {
            if (faults.ThrottleRate > 0 && rt.FaultRandom.NextDouble() < faults.ThrottleRate)
            {
                setFault("throttle");
                await ApiEndpoints.WriteAsync(ctx, TooMany(faults.ThrottleRetryAfterSeconds.ToString(CultureInfo.InvariantCulture)));
                return 429;
            }

            if (faults.ErrorRate > 0 && rt.FaultRandom.NextDouble() < faults.ErrorRate)
            {
                int status = faults.ErrorStatuses[rt.FaultRandom.Next(faults.ErrorStatuses.Length)];
                setFault("error");
                await ApiEndpoints.WriteAsync(ctx, Injected(status));
                return status;
            }

            if (faults.ResetBeforeRate > 0 && rt.FaultRandom.NextDouble() < faults.ResetBeforeRate)
            {
                setFault("reset-before");
                ctx.Abort();
                return 0;
            }

            resetAfter = faults.ResetAfterRate > 0 && rt.FaultRandom.NextDouble() < faults.ResetAfterRate;
        }

        var hostile = faults.Hostile;
        if (hostile is not null
            && (string.IsNullOrEmpty(hostile.PathContains) || path.Contains(hostile.PathContains, StringComparison.OrdinalIgnoreCase))
            && (hostile.Rate >= 1 || (hostile.Rate > 0 && rt.FaultRandom.NextDouble() < hostile.Rate)))
        {
            setFault("hostile");
            return await HostileAsync(ctx, next, hostile.Mode);
        }

        var (code, body) = await RunBufferedAsync(ctx, next);
        if (resetAfter)
        {
            setFault("reset-after");
            ctx.Abort();
            return 0;
        }

        await SendAsync(ctx, code, body);
        return code;
    }

    private static async Task<(int Status, byte[] Body)> RunBufferedAsync(HttpContext ctx, RequestDelegate next)
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
            return (500, Encoding.UTF8.GetBytes(err.ToJsonString(ApiEndpoints.Relaxed)));
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
            bytes = Encoding.UTF8.GetBytes(r.Body!.ToJsonString(ApiEndpoints.Relaxed));
        }

        return (status, bytes);
    }

    private static async Task SendAsync(HttpContext ctx, int status, byte[] body)
    {
        ctx.Response.StatusCode = status;
        if (status != 204)
        {
            ctx.Response.ContentLength = body.Length;
        }

        if (body.Length > 0)
        {
            await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
        }
    }

    private const string HtmlPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private static async Task<int> HostileAsync(HttpContext ctx, RequestDelegate next, string mode)
    {
        var res = ctx.Response;
        switch (mode)
        {
            case "html":
                res.StatusCode = 502;
                res.ContentType = "text/html";
                await SendAsync(ctx, 502, Encoding.UTF8.GetBytes(HtmlPage));
                return 502;
            case "truncated":
            {
                byte[] full = await ValidBodyAsync(ctx, next);
                res.StatusCode = 200;
                res.ContentType = "application/json";
                res.ContentLength = full.Length;
                await res.Body.WriteAsync(full.AsMemory(0, full.Length / 2), ctx.RequestAborted);
                await res.Body.FlushAsync(ctx.RequestAborted);
                ctx.Abort();
                return 200;
            }

            case "invalid-json":
                res.ContentType = "application/json";
                await SendAsync(ctx, 200, Encoding.UTF8.GetBytes("{\"data\": {\"id\": \"abc\", \"name\": ,,, <<garbage>>"));
                return 200;
            case "wrong-types":
            {
                byte[] full = await ValidBodyAsync(ctx, next);
                JsonNode? node;
                try
                {
                    node = JsonNode.Parse(full);
                }
                catch (JsonException)
                {
                    node = null;
                }

                if (node is not JsonObject obj || obj["data"] is null)
                {
                    obj = new JsonObject { ["data"] = FakeItem(ctx) };
                }

                if (obj["data"] is JsonArray arr)
                {
                    foreach (var item in arr)
                    {
                        if (item is JsonObject io)
                        {
                            Mangle(io);
                        }
                    }
                }
                else if (obj["data"] is JsonObject one)
                {
                    Mangle(one);
                }

                res.ContentType = "application/json";
                await SendAsync(ctx, 200, Encoding.UTF8.GetBytes(obj.ToJsonString()));
                return 200;
            }

            case "missing-data":
                res.ContentType = "application/json";
                await SendAsync(ctx, 200, Encoding.UTF8.GetBytes("{}"));
                return 200;
            case "null-data":
                res.ContentType = "application/json";
                await SendAsync(ctx, 200, Encoding.UTF8.GetBytes("{\"data\":null}"));
                return 200;
            case "huge":
            {
                res.StatusCode = 200;
                res.ContentType = "application/json";
                await res.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"data\":["), ctx.RequestAborted);
                byte[] spaces = new byte[64 * 1024];
                Array.Fill(spaces, (byte)' ');
                for (int i = 0; i < 800; i++)
                {
                    await res.Body.WriteAsync(spaces, ctx.RequestAborted);
                }

                await res.Body.WriteAsync(Encoding.UTF8.GetBytes("]}"), ctx.RequestAborted);
                return 200;
            }

            case "empty-200":
                res.StatusCode = 200;
                res.ContentLength = 0;
                return 200;
            case "redirect-other-host":
                res.StatusCode = 302;
                res.Headers.Location = "http://localhost.invalid:1" + ctx.Request.Path.Value + ctx.Request.QueryString.Value;
                res.ContentLength = 0;
                return 302;
            default:
                await SendAsync(ctx, 500, Encoding.UTF8.GetBytes("{\"error\":true,\"message\":\"Unknown hostile mode\"}"));
                return 500;
        }
    }

    /// <summary>A valid body for the request without applying anything: reads run the handler, mutations get a fake item.</summary>
    private static async Task<byte[]> ValidBodyAsync(HttpContext ctx, RequestDelegate next)
    {
        if (HttpMethods.IsGet(ctx.Request.Method))
        {
            var (status, body) = await RunBufferedAsync(ctx, next);
            if (status == 200 && body.Length > 2)
            {
                return body;
            }
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["data"] = FakeItem(ctx) }.ToJsonString());
    }

    private static JsonObject FakeItem(HttpContext ctx)
    {
        string last = (ctx.Request.Path.Value ?? "").TrimEnd('/').Split('/').LastOrDefault() ?? "";
        return new JsonObject
        {
            ["id"] = SandboxState.IsHexId(last) ? last : "0123456789abcdef0123456789abcdef",
            ["name"] = "Sandbox item",
            ["title"] = "Sandbox item",
            ["status"] = "active",
            ["created_at"] = "2026-01-01T00:00:00.000Z",
            ["archived_at"] = null,
        };
    }

    private static void Mangle(JsonObject o)
    {
        o["id"] = 12345;
        o["archived_at"] = 12345;
        o["name"] = new JsonObject { ["unexpected"] = true };
        o["title"] = new JsonObject { ["unexpected"] = true };
        o["status"] = new JsonArray(1, 2, 3);
        o["created_at"] = true;
        o["increment_id"] = "not-a-number";
    }
}
