namespace TallyfyPS.Model
{
    /// <summary>One comment's result of Remove-TallyfyComment.</summary>
    public sealed class TallyfyCommentRemovalResult : TallyfyOperationResult
    {
        public string CommentId { get; set; } = string.Empty;
        public string TaskId { get; set; } = string.Empty;
        /// <summary>The comment's text, where the input said it.</summary>
        public string? Content { get; set; }
        public TallyfyAction Action { get; set; } = TallyfyAction.Delete;
        /// <summary>Deleted, NotFound, Forbidden, Failed, Skipped, NotAttempted.</summary>
        public TallyfyRemovalStatus Status { get; set; }

        public override bool Succeeded => Status == TallyfyRemovalStatus.Deleted;

        /// <summary>A journal replays Deleted and NotFound (a comment that is gone stays gone).</summary>
        internal override bool Settled => Succeeded || Status == TallyfyRemovalStatus.NotFound;

        public override string ToString() => $"{CommentId} {Status}";
    }
}
