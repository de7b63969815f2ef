using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Deadlines in request bodies (create a one-off task, update a task, a launch's <c>tasks</c>). The contract's form
/// is ISO 8601 in UTC, <c>YYYY-MM-DDTHH:MM:SSZ</c>; switch <c>deadlineForm</c>: <c>any</c> also takes
/// <c>YYYY-MM-DD HH:MM:SS</c> and other ISO forms, <c>iso</c> refuses everything else with 422, as an endpoint that
/// takes only the documented form would. The raw text of every deadline a request carried goes to the request log.
/// </summary>
internal static partial class Deadlines
{
    private static readonly System.Text.Json.JsonSerializerOptions RawJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoUtc();

    /// <summary>Reads a deadline as the switch allows, or says why not (the message Tallyfy's validation gives).</summary>
    public static bool TryRead(ApiCall c, string? text, out DateTime value, out string error)
    {
        error = "The deadline is not a valid date.";
        if (!RequestValues.TryDate(text, out value))
        {
            return false;
        }

        if (c.Switches.DeadlineForm == "iso" && !IsoUtc().IsMatch(text!))
        {
            error = "The deadline does not match the format Y-m-d\\TH:i:s\\Z.";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Every <c>deadline</c> in a body (top level and a launch's <c>tasks.*</c>) as its JSON text, exactly as sent
    /// (a string keeps its quotes, so no JSON reader takes it for a date), or null.
    /// </summary>
    public static List<string>? Raw(JsonNode? body)
    {
        var found = new List<string>();
        if (body is JsonObject o)
        {
            Add(o["deadline"], found);
            if (o["tasks"] is JsonObject tasks)
            {
                foreach (var (_, step) in tasks)
                {
                    if (step is JsonObject s)
                    {
                        Add(s["deadline"], found);
                    }
                }
            }
        }

        return found.Count == 0 ? null : found;
    }

    private static void Add(JsonNode? node, List<string> found)
    {
        if (node is not null)
        {
            found.Add(node.ToJsonString(RawJson));
        }
    }
}
