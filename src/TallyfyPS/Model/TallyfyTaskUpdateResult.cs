namespace TallyfyPS.Model
{
    /// <summary>One task's result of Set-TallyfyTask (-PassThru writes the updated task instead).</summary>
    public sealed class TallyfyTaskUpdateResult : TallyfyOperationResult
    {
        public string TaskId { get; set; } = string.Empty;
        /// <summary>The task's run; null for a one-off task.</summary>
        public string? RunId { get; set; }
        /// <summary>The task's title (after the change, where it was applied).</summary>
        public string? Title { get; set; }
        public TallyfyUpdateStatus Status { get; set; }
        /// <summary>The task as the service answered the change; null unless Updated.</summary>
        public TallyfyTask? Task { get; internal set; }

        public override bool Succeeded => Status == TallyfyUpdateStatus.Updated;

        public override string ToString() => $"{TaskId} {Status}";
    }
}
