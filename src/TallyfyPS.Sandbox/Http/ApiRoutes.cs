using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Maps API handlers to routes. A handler runs under the state lock with the caller (authenticated by
/// <see cref="ApiPipeline"/>), the parsed JSON body when the route takes one, and, for routes under
/// <see cref="OrgPrefix"/>, the organization once the caller's access to it is checked.
/// </summary>
internal sealed class ApiRoutes
{
    /// <summary>The prefix of organization routes.</summary>
    public const string OrgPrefix = "/api/organizations/{org}";

    private readonly WebApplication _app;
    private readonly SandboxRuntime _rt;

    public ApiRoutes(WebApplication app, SandboxRuntime rt)
    {
        _app = app;
        _rt = rt;
    }

    public SandboxRuntime Runtime => _rt;

    /// <summary>An organization route, <paramref name="path"/> relative to <see cref="OrgPrefix"/>; <paramref name="body"/>: it reads a JSON body.</summary>
    public void Org(string method, string path, ApiHandler handler, bool body = false) =>
        Map(method, OrgPrefix + path, orgScoped: true, body, handler);

    /// <summary>A route outside any organization (<c>/api/me</c>).</summary>
    public void Root(string method, string pattern, ApiHandler handler) =>
        Map(method, pattern, orgScoped: false, readBody: false, handler);

    private void Map(string method, string pattern, bool orgScoped, bool readBody, ApiHandler handler)
    {
        _app.MapMethods(pattern, new[] { method }, (RequestDelegate)(ctx => ExecuteAsync(ctx, orgScoped, readBody, handler)));
    }

    private async Task ExecuteAsync(HttpContext ctx, bool orgScoped, bool readBody, ApiHandler handler)
    {
        var user = (User)ctx.Items[ApiPipeline.UserKey]!;
        JsonNode? body = null;
        if (readBody)
        {
            using var ms = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(ms, ctx.RequestAborted);
            if (ms.Length > 0)
            {
                try
                {
                    body = JsonNode.Parse(ms.ToArray());
                }
                catch (JsonException)
                {
                    await ResponseWriter.WriteAsync(ctx, ApiResult.Invalid("body", "The request body is not valid JSON."));
                    return;
                }
            }
        }

        if (ctx.Items[ApiPipeline.LogEntryKey] is RequestLogEntry entry)
        {
            entry.Deadlines = Deadlines.Raw(body);
        }

        var call = new ApiCall { Http = ctx, Rt = _rt, User = user, Body = body, Switches = _rt.Switches };
        ApiResult result;
        lock (_rt.State.Gate)
        {
            result = Dispatch(call, orgScoped, handler);
        }

        await ResponseWriter.WriteAsync(ctx, result);
    }

    private ApiResult Dispatch(ApiCall call, bool orgScoped, ApiHandler handler)
    {
        if (orgScoped)
        {
            string orgId = call.Route("org");
            if (!MeApi.BelongsTo(call.User, orgId, call.Switches) || !_rt.State.Orgs.TryGetValue(orgId, out var org))
            {
                return ApiResult.Forbidden("You do not have access to this organization.");
            }

            call.Org = org;
            call.Json = new ApiJson(_rt.State, org, call.Switches);
        }

        return handler(call);
    }
}
