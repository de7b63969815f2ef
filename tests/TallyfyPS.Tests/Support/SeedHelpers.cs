using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace TallyfyPS.Tests.Support;

/// <summary>Answers in the shapes the contract gives per field type, and launch bodies built from a template's fields.</summary>
public static class SeedHelpers
{
    /// <summary>An id as text, whether the answer wrote it as a string or as a number (comment ids are numbers).</summary>
    public static string IdOf(JsonNode? node) =>
        node!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? ((long)node).ToString(System.Globalization.CultureInfo.InvariantCulture) : (string)node!;

    /// <summary>A valid answer for a form field (a kick-off field or a task's field) as the API lists it.</summary>
    public static JsonNode SampleValue(JsonNode field)
    {
        var options = field["options"]!.AsArray();
        var columns = field["columns"]!.AsArray();
        return (string)field["field_type"]! switch
        {
            "text" or "textarea" => "Sample answer",
            "email" => "someone@example.com",
            "date" => "2026-12-01T00:00:00.000Z",
            "radio" => (string)options[0]!["text"]!,
            "dropdown" => new JsonObject { ["id"] = (int)options[0]!["id"]!, ["text"] = (string)options[0]!["text"]! },
            "multiselect" => new JsonArray(new JsonObject { ["id"] = (int)options[0]!["id"]!, ["text"] = (string)options[0]!["text"]!, ["selected"] = true }),
            "table" => new JsonArray(columns.Select(c => (JsonNode)JsonValue.Create((string)c!["label"]! + " 1")!).ToArray()),
            "assignees_form" => new JsonObject { ["users"] = new JsonArray(1002), ["guests"] = new JsonArray(), ["groups"] = new JsonArray() },
            "file" => new JsonArray(new JsonObject { ["filename"] = "quote.pdf", ["url"] = "https://files.example/quote.pdf", ["source"] = "url" }),
            string other => throw new Xunit.Sdk.XunitException("no sample for field type " + other),
        };
    }

    /// <summary>A <c>prerun</c> with a valid answer for every required kick-off field of <paramref name="template"/>, keyed by field id.</summary>
    public static JsonObject RequiredPrerun(JsonNode template)
    {
        var prerun = new JsonObject();
        foreach (var f in template["prerun"]!.AsArray().Where(f => (bool)f!["required"]!))
        {
            prerun[(string)f!["id"]!] = SampleValue(f);
        }

        return prerun;
    }

    /// <summary>The kick-off field of <paramref name="template"/> with this label.</summary>
    public static JsonNode KickoffField(JsonNode template, string label) =>
        template["prerun"]!.AsArray().Single(f => (string)f!["label"]! == label)!;

    public static string Id(JsonNode node) => (string)node["id"]!;

    public static void AssertOk(HttpStatusCode status, JsonNode? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        Assert.True(status == expected, $"expected {(int)expected}, got {(int)status}: {body?.ToJsonString()}");

    /// <summary>Sends a request and returns the answer's <c>data</c> after asserting the status.</summary>
    public static async Task<JsonNode> Data(Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> send, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (status, body, _) = await send;
        AssertOk(status, body, expected);
        return body!["data"]!;
    }
}
