using System.Collections;
using System.Globalization;
using System.Linq;

namespace TallyfyPS.Model
{
    /// <summary>A form field (a "capture" or kick-off "prerun" field) and its answer.</summary>
    public sealed class TallyfyFormFieldValue
    {
        public string Id { get; set; } = string.Empty;
        public string? Label { get; set; }
        public string? FieldType { get; set; }
        public bool IsRequired { get; set; }
        /// <summary>The answer, read from field_value (or value, which some API pages use).</summary>
        public object? Value { get; set; }
        public object? Options { get; set; }
        /// <summary>The task the field belongs to; null for a kick-off field.</summary>
        public string? TaskId { get; set; }
        /// <summary>The title of that task, so same-named fields of different tasks can be told apart.</summary>
        public string? TaskTitle { get; set; }

        /// <summary>The answer as text: a choice by its text, a list joined with ", " (what tables and Export-Csv show).</summary>
        public string ValueText => Text(Value);

        public override string ToString() => $"{Label}: {Text(Value)}";

        /// <summary>An answer as text: lists joined with ", ", the text of choice objects, dates as they came.</summary>
        internal static string Text(object? value)
        {
            switch (value)
            {
                case null:
                    return string.Empty;
                case string s:
                    return s;
                case IDictionary d:
                    return d.Contains("text") ? Text(d["text"]) : string.Join(", ", d.Keys.Cast<object>().Select(k => k + "=" + Text(d[k])));
                case IEnumerable list:
                    return string.Join(", ", list.Cast<object?>().Select(Text));
                case System.IFormattable f:
                    return f.ToString(null, CultureInfo.InvariantCulture);
                default:
                    return value.ToString() ?? string.Empty;
            }
        }
    }
}
