namespace TallyfyPS.Model
{
    /// <summary>How many records a listing held when it began, as the service counted them (-IncludeTotalCount, on the Information stream).</summary>
    public sealed class TallyfyTotalCount
    {
        internal TallyfyTotalCount(int? total, string noun)
        {
            Total = total;
            Noun = noun;
        }

        /// <summary>The service's count; null when it gave none.</summary>
        public int? Total { get; }

        /// <summary>"runs", "tasks".</summary>
        public string Noun { get; }

        public override string ToString() => Total.HasValue
            ? $"Total: {Total} {Noun} (the service's count when the listing began)."
            : $"Total: unknown (the service did not count the {Noun}).";
    }
}
