namespace TallyfyPS.Model
{
    /// <summary>
    /// One row of Start-TallyfyRun: the run it launched (Launched), kept (Existing, with -SkipExisting), or why it was
    /// not (Refused, Failed, ...), with who did it. A journal records these; a rerun with the same journal writes the
    /// recorded result again (the run re-read from its recorded JSON) and sends nothing for the row.
    /// -PassThru writes the runs themselves instead.
    /// </summary>
    public sealed class TallyfyLaunchResult : TallyfyOperationResult
    {
        /// <summary>The row's position in its call's input (1 for a launch without pipeline input).</summary>
        public int Row { get; set; }
        /// <summary>The run's name as the row gave it.</summary>
        public string Name { get; set; } = string.Empty;
        public string TemplateId { get; set; } = string.Empty;
        /// <summary>The run launched or kept; empty when there is none.</summary>
        public string RunId { get; set; } = string.Empty;
        public TallyfyLaunchStatus Status { get; set; }
        /// <summary>The run launched or kept, as the service described it (tags included); null when there is none.</summary>
        public TallyfyRun? Run { get; internal set; }

        /// <summary>The run as the service described it (JSON), so a rerun writes the same run without reading it. Kept in the journal only.</summary>
        [Journaled]
        internal string? RunJson { get; set; }

        public override bool Succeeded => Status == TallyfyLaunchStatus.Launched || Status == TallyfyLaunchStatus.Existing;

        internal override bool Settled => Succeeded && !string.IsNullOrEmpty(RunId) && !string.IsNullOrEmpty(RunJson);

        public override string ToString() => $"Row {Row} '{Name}' {Status} {RunId}".TrimEnd();
    }
}
