using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>
/// The value shapes of the contract, the same for a launch's <c>prerun</c> and a task's <c>taskdata</c>: text,
/// textarea, email and date (ISO 8601) a string; radio the option's text; dropdown <c>{"id","text"}</c> of an option;
/// multiselect a list of options; table one entry per column; assignees_form <c>{users,guests,groups}</c>;
/// file a list of <c>{filename,url,source}</c>.
/// </summary>
internal static class FieldValues
{
    /// <summary>True when the value counts as no answer (absent, null, blank, an empty list).</summary>
    public static bool IsEmpty(JsonNode? v) => v switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonValue s when s.GetValueKind() == JsonValueKind.String => string.IsNullOrWhiteSpace(s.GetValue<string>()),
        _ => false,
    };

    /// <summary>What is wrong with <paramref name="v"/> as an answer of <paramref name="f"/>, or null when it is fine (or empty).</summary>
    public static string? Problem(FieldDefinition f, JsonNode? v, Organization org)
    {
        if (v is null)
        {
            return null;
        }

        string label = f.Label;
        switch (f.FieldType)
        {
            case "text":
            case "textarea":
                return IsString(v) ? null : $"{label} must be a string.";
            case "email":
                return IsString(v) && (IsEmpty(v) || IsEmail(v.GetValue<string>())) ? null : $"{label} must be a valid email address.";
            case "date":
                return IsString(v) && (IsEmpty(v) || RequestValues.TryDate(v.GetValue<string>(), out _)) ? null : $"{label} must be a date (ISO 8601).";
            case "radio":
                return IsString(v) && (IsEmpty(v) || f.Options.Any(o => o.Text == v.GetValue<string>())) ? null : $"{label} must be the text of one of its options.";
            case "dropdown":
                return v is JsonObject d && IsOption(f, d) ? null : $"{label} must be {{\"id\",\"text\"}} of one of its options.";
            case "multiselect":
                return v is JsonArray m && m.All(x => x is JsonObject o && IsOption(f, o)) ? null : $"{label} must be a list of its options ({{\"id\",\"text\",\"selected\":true}}).";
            case "table":
                return v is JsonArray t && t.Count == f.Columns.Count ? null : $"{label} must be a list with one entry per column ({f.Columns.Count.ToString(CultureInfo.InvariantCulture)}).";
            case "assignees_form":
                return v is JsonObject a && Owners.Read(a, org, "x", new System.Collections.Generic.Dictionary<string, string>()) is not null ? null : $"{label} must be {{\"users\":[int],\"guests\":[email],\"groups\":[id]}} of this organization.";
            case "file":
                return v is JsonArray files && files.All(x => x is JsonObject o && IsString(o["filename"]) && !IsEmpty(o["filename"]) && IsString(o["url"]) && !IsEmpty(o["url"]))
                    ? null
                    : $"{label} must be a list of {{\"filename\",\"url\",\"source\":\"url\"}}.";
            default:
                return null;
        }
    }

    public static bool IsEmail(string s)
    {
        int at = s.IndexOf('@');
        return at > 0 && at < s.Length - 1 && s.IndexOf('@', at + 1) < 0 && !s.Any(char.IsWhiteSpace);
    }

    private static bool IsString(JsonNode? v) => v is JsonValue s && s.GetValueKind() == JsonValueKind.String;

    private static bool IsOption(FieldDefinition f, JsonObject o)
    {
        if (o["id"] is not JsonValue idv || idv.GetValueKind() != JsonValueKind.Number || !idv.TryGetValue(out int id))
        {
            return false;
        }

        var option = f.Options.FirstOrDefault(x => x.Id == id);
        if (option is null)
        {
            return false;
        }

        string? text = RequestValues.Str(o["text"]);
        return text is null || string.Equals(text, option.Text, StringComparison.Ordinal);
    }
}
