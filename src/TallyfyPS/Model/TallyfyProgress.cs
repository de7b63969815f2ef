using System;

namespace TallyfyPS.Model
{
    /// <summary>How far a run has got.</summary>
    public sealed class TallyfyProgress
    {
        public int? Complete { get; set; }
        public int? Total { get; set; }
        public int Percent { get; set; }

        public override string ToString() =>
            Total.HasValue ? $"{Complete}/{Total} ({Percent}%)" : Percent + "%";
    }
}
