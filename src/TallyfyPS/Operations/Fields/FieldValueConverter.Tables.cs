using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>Table and file values: one entry per column (by label, in order, or several rows), files by URL.</summary>
    internal sealed partial class FieldValueConverter
    {
        private FieldConversion Table(TallyfyFieldDefinition field, object value)
        {
            List<object?> entries;
            if (value is IDictionary row)
            {
                if (!ColumnsOf(field, row, out entries, out string? problem))
                {
                    return Problem(problem!);
                }
            }
            else if (value is string text)
            {
                entries = Split(text).Select(s => (object?)s).ToList();
            }
            else
            {
                var items = Items(value).ToList();
                if (items.Count > 0 && items.All(i => i is IDictionary))
                {
                    // Several rows: each column's entry is its cells, one per row.
                    var columns = new List<List<object?>>();
                    foreach (IDictionary r in items.Cast<IDictionary>())
                    {
                        if (!ColumnsOf(field, r, out List<object?> cells, out string? problem))
                        {
                            return Problem(problem!);
                        }

                        for (int i = 0; i < cells.Count; i++)
                        {
                            if (columns.Count <= i) columns.Add(new List<object?>());
                            columns[i].Add(cells[i]);
                        }
                    }

                    return FieldConversion.Of(columns.Select(c => (object?)c).ToList());
                }

                entries = items.Select(i => IsScalar(i) ? (object?)Cell(i) : i).ToList();
            }

            if (field.Columns.Count > 0 && entries.Count != field.Columns.Count)
            {
                return Problem($"{Describe(field)} takes one entry per column ({field.Columns.Count}: {string.Join(", ", field.Columns.Select(c => c.Label))}), and {entries.Count} {Words.Was(entries.Count)} given.");
            }

            return FieldConversion.Of(entries);
        }

        private bool ColumnsOf(TallyfyFieldDefinition field, IDictionary row, out List<object?> cells, out string? problem)
        {
            cells = new List<object?>();
            problem = null;
            var unknown = row.Keys.Cast<object>().Select(k => k?.ToString() ?? string.Empty)
                .Where(k => !field.Columns.Any(c => Same(c.Label, k) || Same(c.Id, k))).ToList();
            if (unknown.Count > 0)
            {
                problem = $"{Describe(field)} has no column {string.Join(", ", unknown.Select(u => "'" + Shown(u) + "'"))} (its columns are {string.Join(", ", field.Columns.Select(c => c.Label))}).";
                return false;
            }

            foreach (TallyfyTableColumn column in field.Columns)
            {
                object? cell = row.Keys.Cast<object>().Where(k => Same(column.Label, k?.ToString()) || Same(column.Id, k?.ToString())).Select(k => row[k]).FirstOrDefault();
                cells.Add(IsEmpty(cell) ? string.Empty : Cell(cell));
            }

            return true;
        }

        private FieldConversion Files(TallyfyFieldDefinition field, object value)
        {
            var files = new List<object?>();
            IEnumerable<object?> items = value is string || value is IDictionary ? new[] { value } : Items(value);
            foreach (object? item in items.Where(i => !IsEmpty(i)))
            {
                string? url;
                string? name = null;
                if (item is IDictionary d)
                {
                    url = Lookup(d, "url") is object u ? Text(u) : null;
                    name = Lookup(d, "filename") is object n ? Text(n) : Lookup(d, "name") is object n2 ? Text(n2) : null;
                }
                else
                {
                    url = Text(item).Trim();
                }

                if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    return Problem($"{Describe(field)} takes files by URL (https://...), or @{{ filename = ...; url = ... }}, and '{Shown(url ?? Text(item))}' is not one.");
                }

                if (string.IsNullOrWhiteSpace(name))
                {
                    string last = uri.Segments.Length > 0 ? Uri.UnescapeDataString(uri.Segments[uri.Segments.Length - 1]).Trim('/') : string.Empty;
                    name = last.Length > 0 ? last : uri.Host;
                }

                files.Add(new Dictionary<string, object?> { ["filename"] = name, ["url"] = uri.AbsoluteUri, ["source"] = "url" });
            }

            return files.Count == 0 ? FieldConversion.NotGiven : FieldConversion.Of(files);
        }
    }
}
