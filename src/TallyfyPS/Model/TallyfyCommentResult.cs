namespace TallyfyPS.Model
{
    /// <summary>One task's result of Add-TallyfyComment (-PassThru writes the new comment instead). Pipes on as its comment (to Remove-TallyfyComment) or its task.</summary>
    public sealed class TallyfyCommentResult : TallyfyOperationResult
    {
        /// <summary>The new comment's id; empty unless Added.</summary>
        public string CommentId { get; set; } = string.Empty;
        public string TaskId { get; set; } = string.Empty;
        /// <summary>The task's run; null for a one-off task or where it is not known.</summary>
        public string? RunId { get; set; }
        /// <summary>The task's title, where the input said it.</summary>
        public string? TaskTitle { get; set; }
        public TallyfyCommentStatus Status { get; set; }
        /// <summary>The comment as the service made it; null unless Added.</summary>
        public TallyfyComment? Comment { get; internal set; }

        public override bool Succeeded => Status == TallyfyCommentStatus.Added;

        public override string ToString() => CommentId.Length > 0 ? $"{CommentId} {Status}" : $"{TaskId} {Status}";
    }
}
