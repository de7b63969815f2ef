using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace TallyfyPS.Cmdlets
{
    /// <summary>What Invoke-TallyfyApi's -Query and -Body hold, as the wire takes it.</summary>
    internal static class RawArguments
    {
        private const int MaxDepth = 64;

        /// <summary>-Query: each key once; a list is sent comma-separated (Tallyfy's form), a switch or bool as true/false, a date in ISO 8601 UTC.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>>? Query(IDictionary? query)
        {
            if (query is null || query.Count == 0)
            {
                return null;
            }

            var pairs = new List<KeyValuePair<string, string>>();
            foreach (DictionaryEntry entry in query)
            {
                string key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                object? value = Unwrap(entry.Value);
                string text = value is IEnumerable list && !(value is string)
                    ? string.Join(",", Items(list))
                    : Scalar(value);
                pairs.Add(new KeyValuePair<string, string>(key, text));
            }

            return pairs;
        }

        /// <summary>-Body: JSON text as it is; any other object (hashtable, PSCustomObject, list) written as JSON.</summary>
        public static string? Body(object? body)
        {
            object? value = Unwrap(body);
            if (value is null)
            {
                return null;
            }

            if (value is string text)
            {
                return text;
            }

            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                Write(writer, value, 0);
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }

        private static IEnumerable<string> Items(IEnumerable list)
        {
            foreach (object? item in list)
            {
                yield return Scalar(Unwrap(item));
            }
        }

        private static string Scalar(object? value)
        {
            switch (value)
            {
                case null:
                    return string.Empty;
                case bool b:
                    return b ? "true" : "false";
                case SwitchParameter s:
                    return s.IsPresent ? "true" : "false";
                case DateTime d:
                    return d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                case DateTimeOffset o:
                    return o.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                case IFormattable f:
                    return f.ToString(null, CultureInfo.InvariantCulture);
                default:
                    return value.ToString() ?? string.Empty;
            }
        }

        private static object? Unwrap(object? value)
        {
            while (value is PSObject ps && !(ps.BaseObject is PSCustomObject))
            {
                if (ReferenceEquals(ps.BaseObject, value))
                {
                    break;
                }

                value = ps.BaseObject;
            }

            return value;
        }

        private static void Write(Utf8JsonWriter writer, object? raw, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ArgumentException($"-Body nests deeper than {MaxDepth} levels.");
            }

            object? value = Unwrap(raw);
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    return;
                case string s:
                    writer.WriteStringValue(s);
                    return;
                case char c:
                    writer.WriteStringValue(c.ToString());
                    return;
                case bool b:
                    writer.WriteBooleanValue(b);
                    return;
                case SwitchParameter sw:
                    writer.WriteBooleanValue(sw.IsPresent);
                    return;
                case DateTime _:
                case DateTimeOffset _:
                    writer.WriteStringValue(Scalar(value));
                    return;
                case Enum e:
                    writer.WriteStringValue(e.ToString());
                    return;
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    return;
                case ulong u:
                    writer.WriteNumberValue(u);
                    return;
                case float _: case double _:
                    writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    return;
                case decimal m:
                    writer.WriteNumberValue(m);
                    return;
                case IDictionary map:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in map)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entry.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                    return;
                case PSObject custom:
                    WriteProperties(writer, custom, depth);
                    return;
                case IEnumerable list:
                    writer.WriteStartArray();
                    foreach (object? item in list)
                    {
                        Write(writer, item, depth + 1);
                    }

                    writer.WriteEndArray();
                    return;
                default:
                    // Any other object: its public properties, as ConvertTo-Json writes them.
                    WriteProperties(writer, PSObject.AsPSObject(value), depth);
                    return;
            }
        }

        private static void WriteProperties(Utf8JsonWriter writer, PSObject value, int depth)
        {
            writer.WriteStartObject();
            foreach (PSPropertyInfo property in value.Properties)
            {
                if (!property.IsGettable)
                {
                    continue;
                }

                writer.WritePropertyName(property.Name);
                Write(writer, property.Value, depth + 1);
            }

            writer.WriteEndObject();
        }
    }
}
