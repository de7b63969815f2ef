using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TallyfyPS.Sandbox;

/// <summary>The control surface under /_sandbox (no authentication; camelCase JSON).</summary>
public static class ControlEndpoints
{
    public static readonly JsonSerializerOptions ControlJson = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(WebApplication app, SandboxRuntime rt)
    {
        app.MapGet("/_sandbox/info", (RequestDelegate)(ctx => Send(ctx, 200, Info(rt))));
        app.MapPost("/_sandbox/reset", (RequestDelegate)(ctx => ResetAsync(ctx, rt)));
        app.MapGet("/_sandbox/requests", (RequestDelegate)(ctx => RequestsAsync(ctx, rt)));
        app.MapDelete("/_sandbox/requests", (RequestDelegate)(ctx =>
        {
            rt.Log.Clear();
            return Send(ctx, 200, new JsonObject { ["ok"] = true });
        }));
        app.MapGet("/_sandbox/faults", (RequestDelegate)(ctx => Send(ctx, 200, JsonSerializer.SerializeToNode(rt.Faults, ControlJson))));
        app.MapPut("/_sandbox/faults", (RequestDelegate)(ctx => PutFaultsAsync(ctx, rt)));
        app.MapDelete("/_sandbox/faults", (RequestDelegate)(ctx =>
        {
            rt.Faults = new FaultSettings();
            return Send(ctx, 200, JsonSerializer.SerializeToNode(rt.Faults, ControlJson));
        }));
        app.MapGet("/_sandbox/switches", (RequestDelegate)(ctx => Send(ctx, 200, JsonSerializer.SerializeToNode(rt.Switches, ControlJson))));
        app.MapPut("/_sandbox/switches", (RequestDelegate)(ctx => PutSwitchesAsync(ctx, rt)));
        app.MapDelete("/_sandbox/switches", (RequestDelegate)(ctx =>
        {
            rt.Switches = new SwitchSettings();
            return Send(ctx, 200, JsonSerializer.SerializeToNode(rt.Switches, ControlJson));
        }));
        app.MapPost("/_sandbox/revoke-tokens", (RequestDelegate)(ctx => RevokeAsync(ctx, rt)));
        app.MapGet("/_sandbox/limits", (RequestDelegate)(ctx => Send(ctx, 200, JsonSerializer.SerializeToNode(rt.Limits, ControlJson))));
        app.MapPut("/_sandbox/limits", (RequestDelegate)(ctx => PutLimitsAsync(ctx, rt)));
        app.MapDelete("/_sandbox/limits", (RequestDelegate)(ctx =>
        {
            rt.Limits = new LimitSettings();
            return Send(ctx, 200, JsonSerializer.SerializeToNode(rt.Limits, ControlJson));
        }));
        app.MapGet("/_sandbox/clock", (RequestDelegate)(ctx => Send(ctx, 200, Clock(rt))));
        app.MapPut("/_sandbox/clock", (RequestDelegate)(ctx => PutClockAsync(ctx, rt)));
        app.MapPost("/_sandbox/clock/advance", (RequestDelegate)(ctx => AdvanceClockAsync(ctx, rt)));
        app.MapGet("/_sandbox/state/runs/{id}", (RequestDelegate)(ctx => Send(ctx, RawState.Run(rt, ctx.Request.RouteValues["id"]?.ToString() ?? ""))));
        app.MapGet("/_sandbox/state/tasks/{id}", (RequestDelegate)(ctx => Send(ctx, RawState.Task(rt, ctx.Request.RouteValues["id"]?.ToString() ?? ""))));
        app.MapGet("/_sandbox/state/tasks/{id}/notifications", (RequestDelegate)(ctx => Send(ctx, RawState.Notifications(rt, ctx.Request.RouteValues["id"]?.ToString() ?? ""))));
        app.MapPost("/_sandbox/state/tasks", (RequestDelegate)(ctx => StateTasksAsync(ctx, rt)));
    }

    // Many tasks' stored state in one call: {"ids":[...]} answers {"tasks":[...]}, each as GET state/tasks/{id} gives it,
    // null for an id the sandbox does not hold (a test of hundreds of tasks reads them without hundreds of round trips).
    private static async Task StateTasksAsync(HttpContext ctx, SandboxRuntime rt)
    {
        var (ok, node) = await ReadJsonAsync(ctx);
        if (!ok || node?["ids"] is not JsonArray ids)
        {
            await BadRequest(ctx, "Expected a JSON body {\"ids\": [\"<task id>\", ...]}.");
            return;
        }

        var tasks = new JsonArray();
        foreach (var id in ids)
        {
            tasks.Add(RawState.Task(rt, id?.ToString() ?? ""));
        }

        await Send(ctx, 200, new JsonObject { ["tasks"] = tasks });
    }

    // The sandbox's clock: {"now": ISO 8601, "offsetSeconds": n}. It stamps changes and counts the hourly caps, so
    // moving it an hour ahead frees the comment and guest-invite caps at once ("wait an hour" in a test).
    private static JsonObject Clock(SandboxRuntime rt) => new JsonObject
    {
        ["now"] = SandboxState.Iso(SandboxClock.Now(rt.ClockOffset)),
        ["offsetSeconds"] = rt.ClockOffset.TotalSeconds,
    };

    // PUT /_sandbox/clock {"offsetSeconds": n}: the clock runs n seconds ahead of the real one (0: the real time; never behind).
    private static async Task PutClockAsync(HttpContext ctx, SandboxRuntime rt)
    {
        var (ok, node) = await ReadJsonAsync(ctx);
        if (!ok || node?["offsetSeconds"] is not JsonValue v || !v.TryGetValue(out double seconds) || seconds < 0 || seconds > 10 * 365 * 86400.0)
        {
            await BadRequest(ctx, "Expected a JSON body {\"offsetSeconds\": <seconds ahead of the real clock, 0 or more>}.");
            return;
        }

        rt.ClockOffset = TimeSpan.FromSeconds(seconds);
        await Send(ctx, 200, Clock(rt));
    }

    // POST /_sandbox/clock/advance {"seconds": n}: moves the clock n seconds ahead (n > 0).
    private static async Task AdvanceClockAsync(HttpContext ctx, SandboxRuntime rt)
    {
        var (ok, node) = await ReadJsonAsync(ctx);
        if (!ok || node?["seconds"] is not JsonValue v || !v.TryGetValue(out double seconds) || seconds <= 0 || seconds > 10 * 365 * 86400.0)
        {
            await BadRequest(ctx, "Expected a JSON body {\"seconds\": <seconds to move the clock ahead, more than 0>}.");
            return;
        }

        rt.ClockOffset += TimeSpan.FromSeconds(seconds);
        await Send(ctx, 200, Clock(rt));
    }

    private static Task Send(HttpContext ctx, int status, JsonNode? body) => ResponseWriter.WriteAsync(ctx, new ApiResult(status, body));

    private static Task Send(HttpContext ctx, JsonNode? found) =>
        found is null ? Send(ctx, 404, new JsonObject { ["error"] = true, ["message"] = "No such record in the sandbox." }) : Send(ctx, 200, found);

    private static Task BadRequest(HttpContext ctx, string message) => Send(ctx, 400, new JsonObject { ["error"] = true, ["message"] = message });

    public static JsonObject Info(SandboxRuntime rt)
    {
        var state = rt.State;
        lock (state.Gate)
        {
            var orgs = new JsonArray();
            foreach (var o in state.Orgs.Values)
            {
                orgs.Add(new JsonObject { ["id"] = o.Id, ["name"] = o.Name });
            }

            var users = new JsonArray();
            var members = new JsonArray();
            foreach (var u in state.Users)
            {
                members.Add(new JsonObject
                {
                    ["id"] = u.Id,
                    ["email"] = u.Email,
                    ["role"] = u.Role.ToString().ToLowerInvariant(),
                    ["status"] = u.Status,
                    ["organizationId"] = u.OrganizationId,
                });
                if (u.Token is null)
                {
                    continue;
                }

                users.Add(new JsonObject
                {
                    ["id"] = u.Id,
                    ["email"] = u.Email,
                    ["role"] = u.Role.ToString().ToLowerInvariant(),
                    ["organizationId"] = u.OrganizationId,
                    ["token"] = u.Token,
                });
            }

            var checklists = new JsonArray();
            foreach (var o in state.Orgs.Values)
            {
                foreach (var c in o.Checklists)
                {
                    checklists.Add(new JsonObject { ["id"] = c.Id, ["title"] = c.Title, ["organizationId"] = o.Id, ["archived"] = c.ArchivedAt is not null });
                }
            }

            return new JsonObject
            {
                ["organizations"] = orgs,
                ["users"] = users,
                ["oauthClients"] = new JsonArray(new JsonObject
                {
                    ["clientId"] = SandboxState.OAuthClientId,
                    ["clientSecret"] = SandboxState.OAuthClientSecret,
                    ["userId"] = SandboxState.OAuthClientUserId,
                }),
                ["runs"] = state.Orgs[SandboxState.MainOrgId].Runs.Count,
                ["seed"] = state.Seed,
                ["password"] = SandboxState.UserPassword,
                ["checklists"] = checklists,
                ["members"] = members,
                ["seedSettings"] = JsonSerializer.SerializeToNode(state.Settings, ControlJson),
            };
        }
    }

    private static async Task<(bool Ok, JsonNode? Node)> ReadJsonAsync(HttpContext ctx)
    {
        using var ms = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(ms, ctx.RequestAborted);
        if (ms.Length == 0)
        {
            return (true, null);
        }

        try
        {
            return (true, JsonNode.Parse(ms.ToArray()));
        }
        catch (JsonException)
        {
            return (false, null);
        }
    }

    /// <summary>POST /_sandbox/reset <c>{runs?, seed?, tasksPerRun?, commentsPerTask?, formFieldsPerTask?}</c>.</summary>
    private static async Task ResetAsync(HttpContext ctx, SandboxRuntime rt)
    {
        var (ok, node) = await ReadJsonAsync(ctx);
        if (!ok)
        {
            await BadRequest(ctx, "Malformed JSON body.");
            return;
        }

        var settings = new SeedSettings(rt.Options.Runs, rt.Options.Seed);
        try
        {
            if (node is JsonObject o)
            {
                int? Knob(string name) => o[name] is JsonNode n ? n.GetValue<int>() : null;
                settings = new SeedSettings(Knob("runs") ?? settings.Runs, Knob("seed") ?? settings.Seed, Knob("tasksPerRun"), Knob("commentsPerTask"), Knob("formFieldsPerTask"));
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            await BadRequest(ctx, "runs, seed, tasksPerRun, commentsPerTask and formFieldsPerTask must be integers.");
            return;
        }

        if (settings.Validate() is string error)
        {
            await BadRequest(ctx, error);
            return;
        }

        rt.Reset(settings);
        var answer = (JsonObject)JsonSerializer.SerializeToNode(settings, ControlJson)!;
        answer.Insert(0, "ok", true);
        await Send(ctx, 200, answer);
    }

    private static async Task RequestsAsync(HttpContext ctx, SandboxRuntime rt)
    {
        long since = 0;
        string? s = ctx.Request.Query["since"];
        if (!string.IsNullOrEmpty(s) && !long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out since))
        {
            await BadRequest(ctx, "since must be an integer.");
            return;
        }

        var entries = rt.Log.Since(since);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(ctx.Response.Body, new RequestsPage { Data = entries, LastSeq = rt.Log.LastSeq, LastStartSeq = rt.Log.LastStartSeq }, ControlJson, ctx.RequestAborted);
    }

    private sealed class RequestsPage
    {
        public System.Collections.Generic.List<RequestLogEntry> Data { get; set; } = new System.Collections.Generic.List<RequestLogEntry>();
        public long LastSeq { get; set; }

        /// <summary>How many requests have arrived (logged or still under way).</summary>
        public long LastStartSeq { get; set; }
    }

    private static async Task PutFaultsAsync(HttpContext ctx, SandboxRuntime rt)
    {
        FaultSettings? f;
        try
        {
            var (ok, node) = await ReadJsonAsync(ctx);
            if (!ok)
            {
                await BadRequest(ctx, "Malformed JSON body.");
                return;
            }

            f = node is null ? new FaultSettings() : node.Deserialize<FaultSettings>(ControlJson);
        }
        catch (JsonException ex)
        {
            await BadRequest(ctx, "Invalid faults: " + ex.Message);
            return;
        }

        f ??= new FaultSettings();
        string? error = f.Validate();
        if (error is not null)
        {
            await BadRequest(ctx, error);
            return;
        }

        rt.Faults = f;
        await Send(ctx, 200, JsonSerializer.SerializeToNode(f, ControlJson));
    }

    private static async Task PutSwitchesAsync(HttpContext ctx, SandboxRuntime rt)
    {
        SwitchSettings? s;
        try
        {
            var (ok, node) = await ReadJsonAsync(ctx);
            if (!ok)
            {
                await BadRequest(ctx, "Malformed JSON body.");
                return;
            }

            if (node is JsonObject o)
            {
                // Accept numbers for the "200"/"404" style values too.
                foreach (string k in o.Select(kv => kv.Key).ToList())
                {
                    if (o[k] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && k is "archivedRunGet" or "deleteNotArchived" or "permanentDeleteSuccess" or "rearchive" or "commentDeleteSuccess")
                    {
                        o[k] = v.ToJsonString();
                    }
                }
            }

            s = node is null ? new SwitchSettings() : node.Deserialize<SwitchSettings>(ControlJson);
        }
        catch (JsonException ex)
        {
            await BadRequest(ctx, "Invalid switches: " + ex.Message);
            return;
        }

        s ??= new SwitchSettings();
        string? error = s.Validate();
        if (error is not null)
        {
            await BadRequest(ctx, error);
            return;
        }

        rt.Switches = s;
        await Send(ctx, 200, JsonSerializer.SerializeToNode(s, ControlJson));
    }

    private static async Task PutLimitsAsync(HttpContext ctx, SandboxRuntime rt)
    {
        LimitSettings? l;
        try
        {
            var (ok, node) = await ReadJsonAsync(ctx);
            if (!ok)
            {
                await BadRequest(ctx, "Malformed JSON body.");
                return;
            }

            l = node is null ? new LimitSettings() : node.Deserialize<LimitSettings>(ControlJson);
        }
        catch (JsonException ex)
        {
            await BadRequest(ctx, "Invalid limits: " + ex.Message);
            return;
        }

        l ??= new LimitSettings();
        if (l.Validate() is string error)
        {
            await BadRequest(ctx, error);
            return;
        }

        rt.Limits = l;
        await Send(ctx, 200, JsonSerializer.SerializeToNode(l, ControlJson));
    }

    private static async Task RevokeAsync(HttpContext ctx, SandboxRuntime rt)
    {
        var (_, node) = await ReadJsonAsync(ctx);
        bool refresh = node is JsonObject o && o["refreshTokens"] is JsonValue v && v.TryGetValue(out bool b) && b;
        // personalAccessTokens: true revokes every user's, a list of user ids only theirs.
        JsonNode? pats = (node as JsonObject)?["personalAccessTokens"];
        var patUsers = new List<int>();
        if (pats is JsonValue pv && pv.TryGetValue(out bool all) && all)
        {
            lock (rt.State.Gate)
            {
                patUsers.AddRange(rt.State.Users.Where(u => u.Token is not null).Select(u => u.Id));
            }
        }
        else if (pats is JsonArray list)
        {
            foreach (JsonNode? item in list)
            {
                if (item is JsonValue iv && iv.TryGetValue(out int id))
                {
                    patUsers.Add(id);
                }
                else
                {
                    await BadRequest(ctx, "personalAccessTokens must be true or a list of user ids");
                    return;
                }
            }
        }
        else if (pats is not null && !(pats is JsonValue f && f.TryGetValue(out bool none) && !none))
        {
            await BadRequest(ctx, "personalAccessTokens must be true or a list of user ids");
            return;
        }

        int revoked;
        lock (rt.State.Gate)
        {
            revoked = rt.State.AccessTokens.Count;
            rt.State.AccessTokens.Clear();
            if (refresh)
            {
                rt.State.RefreshTokens.Clear();
            }

            foreach (int id in patUsers)
            {
                if (rt.State.RevokedPersonalTokens.Add(id))
                {
                    revoked++;
                }
            }
        }

        await Send(ctx, 200, new JsonObject { ["ok"] = true, ["revoked"] = revoked });
    }
}
