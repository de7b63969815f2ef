using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using TallyfyPS.Model;

namespace TallyfyPS.Journal
{
    /// <summary>
    /// Writes a result object as JSON and reads it back as the same type with the same values: every public
    /// property with a public setter (and internal ones marked [Journaled]) (text, numbers, switches, enums by name, timestamps in ISO 8601).
    /// </summary>
    internal static class ResultCodec
    {
        private static readonly Dictionary<string, Type> Types = typeof(TallyfyOperationResult).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(TallyfyOperationResult).IsAssignableFrom(t))
            .ToDictionary(t => t.Name, StringComparer.Ordinal);

        /// <summary>The result types a journal can hold.</summary>
        internal static IEnumerable<Type> KnownTypes => Types.Values;

        internal static void Write(Utf8JsonWriter w, TallyfyOperationResult result)
        {
            w.WriteStartObject();
            foreach (PropertyInfo p in Properties(result.GetType()))
            {
                object? value = p.GetValue(result);
                w.WritePropertyName(p.Name);
                switch (value)
                {
                    case null:
                        w.WriteNullValue();
                        break;
                    case string s:
                        w.WriteStringValue(s);
                        break;
                    case bool b:
                        w.WriteBooleanValue(b);
                        break;
                    case int i:
                        w.WriteNumberValue(i);
                        break;
                    case long l:
                        w.WriteNumberValue(l);
                        break;
                    case Enum e:
                        w.WriteStringValue(e.ToString());
                        break;
                    case TallyfyTimestamp t:
                        w.WriteStringValue(t.Value.ToString("o", CultureInfo.InvariantCulture));
                        break;
                    case DateTimeOffset d:
                        w.WriteStringValue(d.ToString("o", CultureInfo.InvariantCulture));
                        break;
                    default:
                        throw new NotSupportedException($"{result.GetType().Name}.{p.Name} is a {value.GetType().Name}, which a journal cannot hold.");
                }
            }

            w.WriteEndObject();
        }

        /// <summary>The result of type <paramref name="typeName"/> the JSON object describes, or null for an unknown type.</summary>
        internal static TallyfyOperationResult? Read(string typeName, JsonElement json)
        {
            if (!Types.TryGetValue(typeName, out Type? type) || json.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var result = (TallyfyOperationResult)Activator.CreateInstance(type)!;
            foreach (PropertyInfo p in Properties(type))
            {
                if (json.TryGetProperty(p.Name, out JsonElement v) && v.ValueKind != JsonValueKind.Null)
                {
                    p.SetValue(result, Value(p.PropertyType, v));
                }
            }

            return result;
        }

        private static object? Value(Type type, JsonElement v)
        {
            Type t = Nullable.GetUnderlyingType(type) ?? type;
            if (t == typeof(string))
            {
                return v.GetString();
            }

            if (t == typeof(bool))
            {
                return v.GetBoolean();
            }

            if (t == typeof(int))
            {
                return v.GetInt32();
            }

            if (t == typeof(long))
            {
                return v.GetInt64();
            }

            if (t.IsEnum)
            {
                return Enum.Parse(t, v.GetString()!, ignoreCase: true);
            }

            DateTimeOffset when = DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            return t == typeof(TallyfyTimestamp) ? new TallyfyTimestamp(when) : (object)when;
        }

        // Public properties with a public setter, and internal ones marked [Journaled] (kept out of what users see).
        private static IEnumerable<PropertyInfo> Properties(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
                .Where(p => p.GetCustomAttribute<JournaledAttribute>() != null || (p.GetMethod!.IsPublic && p.SetMethod!.IsPublic));
    }
}
