namespace TallyfyPS.Model
{
    /// <summary>One tag's result of Set-TallyfyTag.</summary>
    public sealed class TallyfyTagUpdateResult : TallyfyOperationResult
    {
        public string TagId { get; set; } = string.Empty;
        /// <summary>The title after the change (where applied), else as it was.</summary>
        public string? Title { get; set; }
        /// <summary>#rrggbb after the change (where applied), else as it was.</summary>
        public string? Color { get; set; }
        public TallyfyUpdateStatus Status { get; set; }
        /// <summary>The tag as the service answered the change; null unless Updated.</summary>
        public TallyfyTag? Tag { get; internal set; }

        public override bool Succeeded => Status == TallyfyUpdateStatus.Updated;

        public override string ToString() => $"{TagId} {Status}";
    }
}
