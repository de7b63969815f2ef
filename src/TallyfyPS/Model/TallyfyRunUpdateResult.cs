namespace TallyfyPS.Model
{
    /// <summary>One run's result of Set-TallyfyRun (-PassThru writes the updated run instead).</summary>
    public sealed class TallyfyRunUpdateResult : TallyfyOperationResult
    {
        public string RunId { get; set; } = string.Empty;
        /// <summary>The run's name (after the change, where it was applied).</summary>
        public string? Name { get; set; }
        public TallyfyUpdateStatus Status { get; set; }
        /// <summary>The run as the service answered the change; null unless Updated.</summary>
        public TallyfyRun? Run { get; internal set; }

        public override bool Succeeded => Status == TallyfyUpdateStatus.Updated;

        public override string ToString() => $"{RunId} {Status}";
    }
}
