namespace TallyfyPS.Model
{
    /// <summary>What Remove-TallyfyTag did to one tag.</summary>
    public sealed class TallyfyTagRemovalResult : TallyfyOperationResult
    {
        public string TagId { get; set; } = string.Empty;
        public string? Title { get; set; }
        public TallyfyTagRemovalStatus Status { get; set; }

        public override bool Succeeded => Status == TallyfyTagRemovalStatus.Deleted;

        /// <summary>Nothing is left to do for a tag that is gone, whoever removed it (a journal does not send it again).</summary>
        internal override bool Settled => Succeeded || Status == TallyfyTagRemovalStatus.NotFound;

        public override string ToString() => $"{TagId} {Status}";
    }
}
