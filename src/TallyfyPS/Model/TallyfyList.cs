using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace TallyfyPS.Model
{
    /// <summary>
    /// A list of records (tags, tasks, comments, form fields) that enumerates like an array and reads as text
    /// as its items separated by "; " (what Export-Csv writes: "finance; legal", not the type's name).
    /// </summary>
    public sealed class TallyfyList<T> : ReadOnlyCollection<T>
    {
        public TallyfyList(IEnumerable<T>? items)
            : base((items ?? Enumerable.Empty<T>()).ToList())
        {
        }

        public static TallyfyList<T> Empty { get; } = new TallyfyList<T>(null);

        public override string ToString() => string.Join("; ", this.Select(i => i?.ToString()));
    }
}
