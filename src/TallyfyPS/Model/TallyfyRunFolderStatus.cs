namespace TallyfyPS.Model
{
    /// <summary>What came of one run of Add-TallyfyRunFolder or Remove-TallyfyRunFolder.</summary>
    public enum TallyfyRunFolderStatus
    {
        /// <summary>The run was put in the folder.</summary>
        Added,
        /// <summary>The run was in the folder already: nothing was sent.</summary>
        AlreadyInFolder,
        /// <summary>The run was taken out of the folder.</summary>
        Removed,
        /// <summary>The run was not in the folder: nothing was sent (or the service had taken it out already).</summary>
        NotInFolder,
        /// <summary>The run was not found.</summary>
        NotFound,
        /// <summary>The service refused (403: light members cannot file runs).</summary>
        Forbidden,
        /// <summary>The request was sent and failed (its error was written).</summary>
        Failed,
        /// <summary>Declined at the confirmation prompt: nothing was sent.</summary>
        Skipped,
        /// <summary>Not sent: the service had stopped answering before this run's turn.</summary>
        NotAttempted,
    }
}
