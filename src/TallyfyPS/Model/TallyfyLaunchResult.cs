namespace TallyfyPS.Model
{
    /// <summary>
    /// A journal's record of one row of Start-TallyfyRun -Journal: the run it launched (or kept, with -SkipExisting).
    /// A rerun with the same journal emits the recorded run again (re-read from <see cref="RunJson"/>, the service's
    /// answer) and sends nothing for the row. Get-TallyfyJournal reads these back.
    /// </summary>
    public sealed class TallyfyLaunchResult : TallyfyOperationResult
    {
        /// <summary>The row's position in its call's input (1 for a launch without pipeline input).</summary>
        public int Row { get; set; }
        /// <summary>The run's name as the row gave it.</summary>
        public string Name { get; set; } = string.Empty;
        public string TemplateId { get; set; } = string.Empty;
        /// <summary>The run launched or kept.</summary>
        public string RunId { get; set; } = string.Empty;
        public TallyfyLaunchStatus Status { get; set; }
        /// <summary>The run as the service described it (JSON), so a rerun emits the same run without reading it.</summary>
        public string? RunJson { get; set; }

        public override bool Succeeded => Status != TallyfyLaunchStatus.Failed;

        internal override bool Settled => Succeeded && !string.IsNullOrEmpty(RunId) && !string.IsNullOrEmpty(RunJson);

        public override string ToString() => $"Row {Row} '{Name}' {Status} {RunId}";
    }
}
