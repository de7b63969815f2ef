using System;
using System.Collections;
using System.Linq;

namespace TallyfyPS.Model
{
    /// <summary>
    /// Form-field answers by field name (case-insensitive, as a hashtable), that read as text as
    /// "name: value; name: value" (what Export-Csv writes).
    /// </summary>
    public sealed class TallyfyFieldValues : Hashtable
    {
        public TallyfyFieldValues()
            : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        public override string ToString() => string.Join("; ", Keys.Cast<object>().Select(k => k + ": " + TallyfyFormFieldValue.Text(this[k])));
    }
}
