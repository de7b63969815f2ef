namespace TallyfyPS.Model
{
    /// <summary>One comment's result of Set-TallyfyComment.</summary>
    public sealed class TallyfyCommentUpdateResult : TallyfyOperationResult
    {
        public string CommentId { get; set; } = string.Empty;
        public string TaskId { get; set; } = string.Empty;
        public string? RunId { get; set; }
        /// <summary>The text after the change (where applied), else as it was known.</summary>
        public string? Content { get; set; }
        public string? Label { get; set; }
        public TallyfyUpdateStatus Status { get; set; }
        /// <summary>The comment as the service answered the change; null unless Updated.</summary>
        public TallyfyComment? Comment { get; internal set; }

        public override bool Succeeded => Status == TallyfyUpdateStatus.Updated;

        public override string ToString() => $"{CommentId} {Status}";
    }
}
