using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace TallyfyPS.Sandbox;

/// <summary>The answers of the <c>hostile</c> fault: broken, wrong or oversized bodies in place of the real one.</summary>
internal static class HostileAnswers
{
    private const string HtmlPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    /// <summary>
    /// Writes the hostile answer of <paramref name="mode"/>. <paramref name="commit"/> gets the status just before
    /// anything is sent (the request log entry).
    /// </summary>
    public static async Task WriteAsync(HttpContext ctx, RequestDelegate next, string mode, Action<int> commit)
    {
        var res = ctx.Response;
        switch (mode)
        {
            case "html":
                commit(502);
                res.ContentType = "text/html";
                await ResponseWriter.WriteBytesAsync(ctx, 502, Encoding.UTF8.GetBytes(HtmlPage));
                return;
            case "truncated":
            {
                byte[] full = await ValidBodyAsync(ctx, next);
                commit(200);
                res.StatusCode = 200;
                res.ContentType = "application/json";
                res.ContentLength = full.Length;
                await res.Body.WriteAsync(full.AsMemory(0, full.Length / 2), ctx.RequestAborted);
                await res.Body.FlushAsync(ctx.RequestAborted);
                ctx.Abort();
                return;
            }

            case "invalid-json":
                await JsonTextAsync(ctx, commit, "{\"data\": {\"id\": \"abc\", \"name\": ,,, <<garbage>>");
                return;
            case "wrong-types":
                await JsonTextAsync(ctx, commit, WrongTypes(ctx, await ValidBodyAsync(ctx, next)));
                return;
            case "missing-data":
                await JsonTextAsync(ctx, commit, "{}");
                return;
            case "null-data":
                await JsonTextAsync(ctx, commit, "{\"data\":null}");
                return;
            case "huge":
            {
                commit(200);
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
                return;
            }

            case "empty-200":
                commit(200);
                res.StatusCode = 200;
                res.ContentLength = 0;
                return;
            case "redirect-other-host":
                commit(302);
                res.StatusCode = 302;
                res.Headers.Location = "http://localhost.invalid:1" + ctx.Request.Path.Value + ctx.Request.QueryString.Value;
                res.ContentLength = 0;
                return;
            default:
                commit(500);
                await ResponseWriter.WriteBytesAsync(ctx, 500, Encoding.UTF8.GetBytes("{\"error\":true,\"message\":\"Unknown hostile mode\"}"));
                return;
        }
    }

    private static Task JsonTextAsync(HttpContext ctx, Action<int> commit, string json)
    {
        commit(200);
        ctx.Response.ContentType = "application/json";
        return ResponseWriter.WriteBytesAsync(ctx, 200, Encoding.UTF8.GetBytes(json));
    }

    /// <summary>The valid answer with the usual fields of its item(s) turned into the wrong JSON types.</summary>
    private static string WrongTypes(HttpContext ctx, byte[] full)
    {
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

        return obj.ToJsonString();
    }

    /// <summary>A valid body for the request without applying anything: reads run the handler, mutations get a fake item.</summary>
    private static async Task<byte[]> ValidBodyAsync(HttpContext ctx, RequestDelegate next)
    {
        if (HttpMethods.IsGet(ctx.Request.Method))
        {
            var (status, body) = await ApiPipeline.RunBufferedAsync(ctx, next);
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
