namespace TallyfyPS.Model
{
    /// <summary>One task's result of Complete-TallyfyTask or Undo-TallyfyTaskCompletion; pipes into the other (undo, redo).</summary>
    public sealed class TallyfyTaskCompletionResult : TallyfyOperationResult
    {
        public string TaskId { get; set; } = string.Empty;
        /// <summary>The task's run; null for a one-off task.</summary>
        public string? RunId { get; set; }
        public string? Title { get; set; }
        /// <summary>task, approval, expiring, email, expiring_email (where known).</summary>
        public string? TaskType { get; set; }
        public TallyfyTaskAction Action { get; set; }
        public TallyfyTaskCompletionStatus Status { get; set; }
        /// <summary>When Tallyfy recorded the completion (Complete), where its answer said.</summary>
        public TallyfyTimestamp? TaskCompletedAt { get; set; }

        public override bool Succeeded =>
            Status == TallyfyTaskCompletionStatus.Completed || Status == TallyfyTaskCompletionStatus.Approved ||
            Status == TallyfyTaskCompletionStatus.Rejected || Status == TallyfyTaskCompletionStatus.AlreadyCompleted ||
            Status == TallyfyTaskCompletionStatus.Reopened || Status == TallyfyTaskCompletionStatus.AlreadyOpen;

        /// <summary>A journal replays successes and NotFound (a task that is gone stays gone); Unknown, Failed and the rest are sent again.</summary>
        internal override bool Settled => Succeeded || Status == TallyfyTaskCompletionStatus.NotFound;

        public override string ToString() => $"{TaskId} {Status}";
    }
}
