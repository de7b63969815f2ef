using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// -Field (and the columns of an Import-Csv row) as PowerShell hands them over: a hashtable, or any object whose
    /// properties are field names; values unwrapped from PSObject into plain .NET values (lists, dictionaries, dates,
    /// strings) for <see cref="Client.FieldValueConverter"/>.
    /// </summary>
    internal static class FieldArguments
    {
        /// <summary>The name/value pairs of a hashtable or object, leaving out <paramref name="reserved"/> names.</summary>
        public static List<KeyValuePair<string, object?>> Pairs(object? source, ICollection<string>? reserved = null)
        {
            var pairs = new List<KeyValuePair<string, object?>>();
            if (source is null)
            {
                return pairs;
            }

            object? value = source is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : source;
            if (value is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    string? key = entry.Key?.ToString();
                    if (key != null && (reserved is null || !reserved.Contains(key)))
                    {
                        pairs.Add(new KeyValuePair<string, object?>(key, Plain(entry.Value)));
                    }
                }

                return pairs;
            }

            foreach (PSPropertyInfo p in PSObject.AsPSObject(source).Properties)
            {
                if (!p.IsGettable || (reserved != null && reserved.Contains(p.Name)))
                {
                    continue;
                }

                object? v;
                try
                {
                    v = p.Value;
                }
                catch (GetValueException)
                {
                    continue;
                }

                pairs.Add(new KeyValuePair<string, object?>(p.Name, Plain(v)));
            }

            return pairs;
        }

        /// <summary>-Field first, then the row: a column of the row replaces a -Field value of the same name.</summary>
        public static List<KeyValuePair<string, object?>> Merge(IEnumerable<KeyValuePair<string, object?>> first, IEnumerable<KeyValuePair<string, object?>> then)
        {
            var merged = new List<KeyValuePair<string, object?>>(first);
            foreach (KeyValuePair<string, object?> pair in then)
            {
                int at = merged.FindIndex(p => string.Equals(p.Key.Trim(), pair.Key.Trim(), StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    merged[at] = pair;
                }
                else
                {
                    merged.Add(pair);
                }
            }

            return merged;
        }

        /// <summary>A value as plain .NET: PSObject unwrapped, custom objects and hashtables as dictionaries, lists as lists.</summary>
        public static object? Plain(object? value)
        {
            if (value is PSObject ps)
            {
                if (ps.BaseObject is PSCustomObject)
                {
                    var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (PSPropertyInfo p in ps.Properties.Where(p => p.IsGettable))
                    {
                        map[p.Name] = Plain(p.Value);
                    }

                    return map;
                }

                value = ps.BaseObject;
            }

            switch (value)
            {
                case null:
                case string _:
                    return value;
                case IDictionary d:
                    var dictionary = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in d)
                    {
                        if (entry.Key?.ToString() is string key)
                        {
                            dictionary[key] = Plain(entry.Value);
                        }
                    }

                    return dictionary;
                case IEnumerable list:
                    return list.Cast<object?>().Select(Plain).ToList();
                default:
                    return value;
            }
        }
    }
}
