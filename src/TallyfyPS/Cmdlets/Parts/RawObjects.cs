using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using TallyfyPS.Client;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Plain JSON data (<see cref="RawJson"/>) as PowerShell objects, the way ConvertFrom-Json gives them: an object is a
    /// PSCustomObject with its properties in order, an array an object[], numbers long or double, strings (dates too) text.
    /// </summary>
    internal static class RawObjects
    {
        public static object? Shape(object? plain)
        {
            switch (plain)
            {
                case RawFields fields:
                    var o = new PSObject();
                    PSMemberInfoCollection<PSPropertyInfo> properties = o.Properties;
                    foreach (KeyValuePair<string, object?> field in fields)
                    {
                        if (properties[field.Key] is null)
                        {
                            properties.Add(new PSNoteProperty(field.Key, Shape(field.Value)));
                        }
                    }

                    return o;
                case object?[] items:
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = Shape(items[i]);
                    }

                    return items;
                default:
                    return plain;
            }
        }

        /// <summary>An item's identity for paging (its id; a position-unique key for an item without one).</summary>
        public static System.Func<object?, string> IdReader()
        {
            long unnamed = 0;
            return item =>
            {
                object? id = (item as PSObject)?.Properties["id"]?.Value;
                return id is null ? "\u0000" + Interlocked.Increment(ref unnamed).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : System.Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            };
        }
    }
}
