namespace TallyfyPS.Model
{
    /// <summary>One task's result of New-TallyfyTask (-PassThru writes the new task instead). Pipes on as its task.</summary>
    public sealed class TallyfyTaskCreationResult : TallyfyOperationResult
    {
        /// <summary>The new task's id; empty unless Created.</summary>
        public string TaskId { get; set; } = string.Empty;
        public string Title { get; set; } = string.Empty;
        public TallyfyCreationStatus Status { get; set; }
        /// <summary>The task as the service made it; null unless Created.</summary>
        public TallyfyTask? Task { get; internal set; }

        public override bool Succeeded => Status == TallyfyCreationStatus.Created;

        public override string ToString() => TaskId.Length > 0 ? $"{TaskId} {Status}" : $"'{Title}' {Status}";
    }
}
