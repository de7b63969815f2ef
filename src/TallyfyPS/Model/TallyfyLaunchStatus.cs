namespace TallyfyPS.Model
{
    /// <summary>What a journal records of one launch of Start-TallyfyRun.</summary>
    public enum TallyfyLaunchStatus
    {
        /// <summary>The run was launched (by this call, or by an earlier one that the journal records).</summary>
        Launched,
        /// <summary>-SkipExisting: the template had a live run of that name, and nothing was launched (not written to journals today: such rows are listed again).</summary>
        Existing,
        /// <summary>The launch was refused or failed (its error was written): a rerun sends it again.</summary>
        Failed,
    }
}
