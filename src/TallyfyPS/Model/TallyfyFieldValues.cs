using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace TallyfyPS.Model
{
    /// <summary>
    /// Form-field answers keyed by field id (case-insensitive, as a hashtable, as Tallyfy sends them), that read as text
    /// by field label: "Department: Treasury; Requested by: Dana" (what Format-List and Export-Csv show). A key whose
    /// label is not known reads as its id. A value is found by id or by label ($run.KickoffValues.Department).
    /// </summary>
    public sealed class TallyfyFieldValues : Hashtable
    {
        private readonly Dictionary<string, string> _labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public TallyfyFieldValues()
            : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        /// <summary>True when every key's label is known.</summary>
        internal bool Labelled => Keys.Cast<object>().All(k => _labels.ContainsKey(k.ToString() ?? string.Empty));

        /// <summary>Names the field <paramref name="id"/> (its label) for the text of the values.</summary>
        internal void Label(string id, string? label)
        {
            if (!string.IsNullOrEmpty(id) && !string.IsNullOrEmpty(label))
            {
                _labels[id] = label!;
            }
        }

        /// <summary>A value by field id, or by label where no key is that text: $run.KickoffValues.Department.</summary>
        public override object? this[object key]
        {
            get => base.ContainsKey(key) ? base[key] : IdOf(key) is string id ? base[id] : null;
            set => base[key] = value;
        }

        /// <summary>True for a field id that has a value, and for the label of one.</summary>
        public override bool ContainsKey(object key) => base.ContainsKey(key) || IdOf(key) != null;

        /// <summary>The id of the field whose label is <paramref name="key"/> and that has a value, or null.</summary>
        private string? IdOf(object key)
        {
            if (key is string text)
            {
                foreach (KeyValuePair<string, string> label in _labels)
                {
                    if (string.Equals(label.Value, text, StringComparison.OrdinalIgnoreCase) && base.ContainsKey(label.Key))
                    {
                        return label.Key;
                    }
                }
            }

            return null;
        }

        /// <summary>The label of the field <paramref name="id"/>, or the id where it is not known.</summary>
        public string LabelOf(string id) => _labels.TryGetValue(id, out string? label) ? label : id;

        public override string ToString() => string.Join("; ", Keys.Cast<object>().Select(k => LabelOf(k.ToString() ?? string.Empty) + ": " + TallyfyFormFieldValue.Text(this[k])));
    }
}
