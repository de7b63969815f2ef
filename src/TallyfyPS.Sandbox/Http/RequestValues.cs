using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>Reading query strings and JSON bodies the lenient way Tallyfy does.</summary>
internal static class RequestValues
{
    /// <summary>A string, or a number as its JSON text; null for anything else.</summary>
    public static string? Str(JsonNode? n)
    {
        if (n is JsonValue v)
        {
            if (v.TryGetValue(out string? s))
            {
                return s;
            }

            if (v.GetValueKind() is JsonValueKind.Number)
            {
                return v.ToJsonString();
            }
        }

        return null;
    }

    public static HashSet<string> CsvSet(string? s) =>
        new HashSet<string>((s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToLowerInvariant()), StringComparer.Ordinal);

    public static bool IsTrue(string? s) => s is not null && (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1" || s.Equals("yes", StringComparison.OrdinalIgnoreCase));

    /// <summary>A date and time: <c>YYYY-MM-DD HH:MM:SS</c> (UTC) or ISO 8601 (with or without an offset), read as UTC.</summary>
    public static bool TryDate(string? s, out DateTime value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(s) || !char.IsDigit(s[0]))
        {
            return false;
        }

        if (!DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
        {
            return false;
        }

        value = DateTime.SpecifyKind(d, DateTimeKind.Utc);
        return true;
    }

    /// <summary>A bool from JSON (true/false only); null when absent or of another type.</summary>
    public static bool? Bool(JsonNode? n) => n is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    /// <summary>An int from JSON (a number or a numeric string), or null.</summary>
    public static int? Int(JsonNode? n) =>
        Str(n) is string s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? i : null;
}
