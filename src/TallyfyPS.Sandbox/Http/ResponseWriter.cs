using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace TallyfyPS.Sandbox;

/// <summary>Writes answers: an <see cref="ApiResult"/> as JSON, or bytes already made. Every response of the sandbox goes through here.</summary>
public static class ResponseWriter
{
    /// <summary>JSON as Tallyfy writes it: non-ASCII text unescaped.</summary>
    public static readonly JsonSerializerOptions Relaxed = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Bytes(JsonNode? body) => Encoding.UTF8.GetBytes(body?.ToJsonString(Relaxed) ?? "null");

    public static async Task WriteAsync(HttpContext ctx, ApiResult result)
    {
        ctx.Response.StatusCode = result.Status;
        if (result.Headers is not null)
        {
            foreach (var kv in result.Headers)
            {
                ctx.Response.Headers[kv.Key] = kv.Value;
            }
        }

        if (result.Empty)
        {
            if (result.Status != 204)
            {
                ctx.Response.ContentLength = 0;
            }

            return;
        }

        byte[] bytes = Bytes(result.Body);
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    /// <summary>Sends a status and a body already serialized (the content type is the caller's).</summary>
    public static async Task WriteBytesAsync(HttpContext ctx, int status, byte[] body)
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
}
