using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Reads Tallyfy JSON defensively: a missing or null field is null, a field of the wrong type is
    /// an <see cref="TallyfyApiException"/> of kind InvalidResponse that names the field, so a
    /// malformed answer never becomes a half-filled object or a crash.
    /// </summary>
    internal static class Json
    {
        public static JsonElement? Prop(JsonElement obj, string name)
        {
            if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out JsonElement value) &&
                value.ValueKind != JsonValueKind.Null && value.ValueKind != JsonValueKind.Undefined)
            {
                return value;
            }

            return null;
        }

        public static string? String(JsonElement obj, string name)
        {
            JsonElement? v = Prop(obj, name);
            if (v is null)
            {
                return null;
            }

            return v.Value.ValueKind switch
            {
                JsonValueKind.String => Text(v.Value, name),
                JsonValueKind.Number => v.Value.GetRawText(),
                _ => throw Bad(name, "a string", v.Value),
            };
        }

        /// <summary>An identifier that must be text: a number where a hex id belongs is a broken answer.</summary>
        public static string RequiredId(JsonElement obj, string name)
        {
            JsonElement? v = Prop(obj, name);
            if (v is null)
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service's answer has no '{name}' field.");
            }

            string? text = v.Value.ValueKind == JsonValueKind.String ? Text(v.Value, name) : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw Bad(name, "a non-empty string", v.Value);
            }

            return text!;
        }

        /// <summary>An identifier that may be text or an integer (comment ids are integers in Tallyfy's API).</summary>
        public static string RequiredIdOrNumber(JsonElement obj, string name)
        {
            JsonElement? v = Prop(obj, name);
            if (v is JsonElement n && n.ValueKind == JsonValueKind.Number)
            {
                return n.TryGetInt64(out long id) && id > 0 ? id.ToString(CultureInfo.InvariantCulture) : throw Bad(name, "a positive integer", n);
            }

            return RequiredId(obj, name);
        }

        public static long? Long(JsonElement obj, string name)
        {
            JsonElement? v = Prop(obj, name);
            if (v is null)
            {
                return null;
            }

            if (v.Value.ValueKind == JsonValueKind.Number && v.Value.TryGetInt64(out long n))
            {
                return n;
            }

            if (v.Value.ValueKind == JsonValueKind.String &&
                long.TryParse(Text(v.Value, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out long s))
            {
                return s;
            }

            throw Bad(name, "an integer", v.Value);
        }

        public static int? Int(JsonElement obj, string name)
        {
            long? n = Long(obj, name);
            if (n is null)
            {
                return null;
            }

            if (n < int.MinValue || n > int.MaxValue)
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service's answer has '{name}' out of range ({n}).");
            }

            return (int)n.Value;
        }

        public static bool? Bool(JsonElement obj, string name)
        {
            JsonElement? v = Prop(obj, name);
            if (v is null)
            {
                return null;
            }

            switch (v.Value.ValueKind)
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.Number:
                    return v.Value.GetRawText() != "0";
                case JsonValueKind.String:
                    string s = Text(v.Value, name) ?? string.Empty;
                    if (s == "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
                    if (s == "0" || s.Equals("false", StringComparison.OrdinalIgnoreCase) || s.Length == 0) return false;
                    break;
            }

            throw Bad(name, "a boolean", v.Value);
        }

        public static DateTimeOffset? Date(JsonElement obj, string name)
        {
            JsonElement? v = Prop(obj, name);
            if (v is null)
            {
                return null;
            }

            if (v.Value.ValueKind == JsonValueKind.String)
            {
                string s = Text(v.Value, name) ?? string.Empty;
                if (s.Length == 0)
                {
                    return null;
                }

                if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset d))
                {
                    return d;
                }
            }

            throw Bad(name, "an ISO 8601 date", v.Value);
        }

        /// <summary>A relation wrapped as {"data":[...]} (or, tolerated, a bare array).</summary>
        public static IEnumerable<JsonElement> Relation(JsonElement obj, string name)
        {
            JsonElement? v = Prop(obj, name);
            if (v is null)
            {
                yield break;
            }

            JsonElement list = v.Value;
            if (list.ValueKind == JsonValueKind.Object)
            {
                JsonElement? inner = Prop(list, "data");
                if (inner is null)
                {
                    yield break;
                }

                list = inner.Value;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Bad(name, "a list", list);
            }

            foreach (JsonElement item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Bad(name + "[]", "an object", item);
                }

                yield return item;
            }
        }

        /// <summary>A single relation wrapped as {"data":{...}}.</summary>
        public static JsonElement? RelationOne(JsonElement obj, string name)
        {
            JsonElement? v = Prop(obj, name);
            if (v is null || v.Value.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // {"data": {...}} is the relation; {"data": null} says there is none (a one-off task's run); a bare object is the record itself.
            if (v.Value.TryGetProperty("data", out JsonElement inner))
            {
                return inner.ValueKind == JsonValueKind.Object ? inner : null;
            }

            return v;
        }

        /// <summary>A scalar or structured value rendered for users (form-field answers, kick-off values).</summary>
        public static object? Plain(JsonElement? value)
        {
            if (value is null)
            {
                return null;
            }

            JsonElement v = value.Value;
            switch (v.ValueKind)
            {
                case JsonValueKind.String:
                    return Text(v, "value");
                case JsonValueKind.Number:
                    return v.TryGetInt64(out long l) ? l : v.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.Array:
                    // Lists and objects that read as text (in tables and Export-Csv) as their contents.
                    var list = new List<object?>();
                    foreach (JsonElement e in v.EnumerateArray())
                    {
                        list.Add(Plain(e));
                    }

                    return new TallyfyPS.Model.TallyfyList<object?>(list);
                case JsonValueKind.Object:
                    var map = new TallyfyPS.Model.TallyfyFieldValues();
                    foreach (JsonProperty p in v.EnumerateObject())
                    {
                        map[p.Name] = Plain(p.Value);
                    }

                    return map;
                default:
                    return null;
            }
        }

        /// <summary>A JSON string as text; invalid UTF-8 inside it is a broken answer, not a crash.</summary>
        public static string? Text(JsonElement value, string name)
        {
            try
            {
                return value.GetString();
            }
            catch (InvalidOperationException)
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service's answer has '{name}' with text that is not valid UTF-8.");
            }
        }

        /// <summary>A JSON string as text, or null when it is not a string or not valid UTF-8 (for error bodies).</summary>
        public static string? TryText(JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            try
            {
                return value.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        private static TallyfyApiException Bad(string name, string expected, JsonElement got)
        {
            return new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                $"The service's answer has '{name}' as {Describe(got.ValueKind)} where {expected} was expected.");
        }

        private static string Describe(JsonValueKind kind)
        {
            switch (kind)
            {
                case JsonValueKind.Object: return "an object";
                case JsonValueKind.Array: return "a list";
                case JsonValueKind.String: return "a string";
                case JsonValueKind.Number: return "a number";
                case JsonValueKind.True:
                case JsonValueKind.False: return "a boolean";
                default: return "null";
            }
        }
    }
}
