using System;

namespace TallyfyPS.Model
{
    /// <summary>A comment ("thread" in the API) on a task.</summary>
    public sealed class TallyfyComment
    {
        public string Id { get; set; } = string.Empty;
        public string? Content { get; set; }
        public string? Label { get; set; }
        public long? AuthorId { get; set; }
        public TallyfyTimestamp? CreatedAt { get; set; }
        public string? TaskId { get; set; }
        /// <summary>The run of the task; null for a comment on a one-off task.</summary>
        public string? RunId { get; set; }
        /// <summary>The author as a member of the organization, where the session can tell (null otherwise; AuthorId says who).</summary>
        public TallyfyUser? Author { get; set; }
        public string? State { get; set; }
        public string OrganizationId { get; set; } = string.Empty;

        public override string ToString() => Content ?? string.Empty;
    }
}
