using System.Collections.Generic;
using System.Text.Json;

namespace TallyfyPS.Client
{
    /// <summary>A JSON object read as plain data (Invoke-TallyfyApi): its properties in order, values as <see cref="RawJson.Plain"/> gives them.</summary>
    internal sealed class RawFields : List<KeyValuePair<string, object?>>
    {
        public RawFields(int capacity)
            : base(capacity)
        {
        }
    }

    /// <summary>
    /// JSON as plain .NET data, the way ConvertFrom-Json reads it but without guessing dates: an object is a
    /// <see cref="RawFields"/>, an array an object[], a whole number a long, another number a double (a decimal
    /// where a double would lose digits), a string a string (dates stay text), true/false a bool, null null.
    /// </summary>
    internal static class RawJson
    {
        public static object? Plain(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    var fields = new RawFields(8);
                    foreach (JsonProperty p in value.EnumerateObject())
                    {
                        fields.Add(new KeyValuePair<string, object?>(p.Name, Plain(p.Value)));
                    }

                    return fields;
                case JsonValueKind.Array:
                    var items = new object?[value.GetArrayLength()];
                    int i = 0;
                    foreach (JsonElement e in value.EnumerateArray())
                    {
                        items[i++] = Plain(e);
                    }

                    return items;
                case JsonValueKind.String:
                    return Json.TryText(value);
                case JsonValueKind.Number:
                    if (value.TryGetInt64(out long l))
                    {
                        return l;
                    }

                    return value.TryGetDouble(out double d) && !double.IsInfinity(d) ? d : value.TryGetDecimal(out decimal m) ? m : (object)value.GetRawText();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
