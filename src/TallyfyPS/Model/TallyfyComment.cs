using System;

namespace TallyfyPS.Model
{
    /// <summary>A comment ("thread" in the API) on a task, or on a run itself (process level: TaskId null).</summary>
    public sealed class TallyfyComment
    {
        public string Id { get; set; } = string.Empty;
        public string? Content { get; set; }
        public string? Label { get; set; }
        public long? AuthorId { get; set; }
        public TallyfyTimestamp? CreatedAt { get; set; }
        /// <summary>The task; null for a comment on the run itself (process level).</summary>
        public string? TaskId { get; set; }
        /// <summary>The run of the task; null for a comment on a one-off task.</summary>
        public string? RunId { get; set; }
        /// <summary>The author as a member of the organization, where the session can tell (null otherwise; AuthorId says who).</summary>
        public TallyfyUser? Author { get; set; }
        public string? State { get; set; }
        public string OrganizationId { get; set; } = string.Empty;

        /// <summary>On a problem: the id of the thread that resolved it (null while it is open).</summary>
        public string? ResolveId { get; set; }

        /// <summary>A problem not resolved yet (label problem, no ResolveId): it locks its run.</summary>
        public bool IsOpenProblem => string.Equals(Label, "problem", StringComparison.OrdinalIgnoreCase) && ResolveId is null;

        public override string ToString() => Content ?? string.Empty;
    }
}
