using System;

namespace TallyfyPS.Model
{
    /// <summary>Who a task is assigned to.</summary>
    public sealed class TallyfyTaskOwners
    {
        public long[] Users { get; set; } = Array.Empty<long>();
        public string[] Guests { get; set; } = Array.Empty<string>();
        public string[] Groups { get; set; } = Array.Empty<string>();

        public override string ToString()
        {
            var parts = new System.Collections.Generic.List<string>();
            foreach (long u in Users) parts.Add(u.ToString(System.Globalization.CultureInfo.InvariantCulture));
            parts.AddRange(Guests);
            foreach (string g in Groups) parts.Add("group:" + g);
            return string.Join(", ", parts);
        }
    }
}
