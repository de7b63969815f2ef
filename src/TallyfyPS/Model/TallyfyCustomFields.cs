using System;
using System.Collections;
using System.Collections.Specialized;
using System.Linq;

namespace TallyfyPS.Model
{
    /// <summary>
    /// Tallyfy's <c>custom_fields</c> of a run, task or template: key -> value in the order Tallyfy sent them, keys
    /// case-insensitive ($run.CustomFields.cost_center). Read-only: the module keeps them as read (backups keep them,
    /// updates never drop them) and does not write them. Reads as text as its contents: "cost_center: CC-104; priority: 2"
    /// (what tables, Format-List and Export-Csv show).
    /// </summary>
    public sealed class TallyfyCustomFields : IDictionary
    {
        private readonly OrderedDictionary _values = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);

        /// <summary>None: a record that carries no custom fields.</summary>
        public static TallyfyCustomFields Empty { get; } = new TallyfyCustomFields();

        internal void Set(string key, object? value) => _values[key] = value;

        public object? this[object key]
        {
            get => _values[key];
            set => throw ReadOnly();
        }

        public int Count => _values.Count;

        public ICollection Keys => _values.Keys;

        public ICollection Values => _values.Values;

        public bool IsReadOnly => true;

        public bool IsFixedSize => true;

        public bool IsSynchronized => false;

        public object SyncRoot => _values;

        public bool Contains(object key) => _values.Contains(key);

        /// <summary>True when a key is there (as a hashtable's ContainsKey).</summary>
        public bool ContainsKey(string key) => _values.Contains(key);

        public void Add(object key, object? value) => throw ReadOnly();

        public void Clear() => throw ReadOnly();

        public void Remove(object key) => throw ReadOnly();

        public void CopyTo(Array array, int index) => _values.CopyTo(array, index);

        public IDictionaryEnumerator GetEnumerator() => _values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

        public override string ToString() =>
            string.Join("; ", _values.Cast<DictionaryEntry>().Select(e => e.Key + ": " + TallyfyFormFieldValue.Text(e.Value)));

        private static NotSupportedException ReadOnly() =>
            new NotSupportedException("Custom fields are read-only here: TallyfyPS keeps them as Tallyfy sent them and does not write them.");
    }
}
