namespace TallyfyPS.Model
{
    /// <summary>One tag's result of New-TallyfyTag (-PassThru writes the new tag instead). Pipes on (and is taken by -Tag) as its tag.</summary>
    public sealed class TallyfyTagCreationResult : TallyfyOperationResult
    {
        /// <summary>The new tag's id; for a title that exists already, the existing tag's id; empty otherwise.</summary>
        public string TagId { get; set; } = string.Empty;
        public string Title { get; set; } = string.Empty;
        public string? Color { get; set; }
        public TallyfyCreationStatus Status { get; set; }
        /// <summary>The tag as the service made it; null unless Created.</summary>
        public TallyfyTag? Tag { get; internal set; }

        public override bool Succeeded => Status == TallyfyCreationStatus.Created;

        public override string ToString() => Status == TallyfyCreationStatus.Created ? Title : $"'{Title}' {Status}";
    }
}
