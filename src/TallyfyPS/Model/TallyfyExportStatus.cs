namespace TallyfyPS.Model
{
    /// <summary>The outcome of Export-TallyfyRun for one run.</summary>
    public enum TallyfyExportStatus
    {
        /// <summary>The backup file was written, read back and its hash checked.</summary>
        Exported,
        /// <summary>The file in the folder is current (the run's last_updated is the one it records): nothing was written.</summary>
        Current,
        NotFound,
        Forbidden,
        Failed,
        Skipped,
        /// <summary>Nothing was sent: the service had stopped answering, or the credentials were refused, before this run's turn.</summary>
        NotAttempted,
    }
}
