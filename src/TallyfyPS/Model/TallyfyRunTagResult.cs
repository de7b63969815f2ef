namespace TallyfyPS.Model
{
    /// <summary>What Add-TallyfyRunTag or Remove-TallyfyRunTag did to one run.</summary>
    public sealed class TallyfyRunTagResult : TallyfyOperationResult
    {
        public string RunId { get; set; } = string.Empty;
        public string? RunName { get; set; }
        public string TagId { get; set; } = string.Empty;
        public string TagTitle { get; set; } = string.Empty;
        public TallyfyRunTagStatus Status { get; set; }
        /// <summary>The association of the tag and the run (made by tagging, removed by untagging).</summary>
        public string? AssociationId { get; set; }

        public override bool Succeeded =>
            Status == TallyfyRunTagStatus.Tagged || Status == TallyfyRunTagStatus.AlreadyTagged ||
            Status == TallyfyRunTagStatus.Untagged || Status == TallyfyRunTagStatus.NotTagged;

        public override string ToString() => $"{RunId} {TagTitle} {Status}";
    }
}
