namespace TallyfyPS.Model
{
    /// <summary>The outcome of Add-TallyfyRunTag / Remove-TallyfyRunTag for one run.</summary>
    public enum TallyfyRunTagStatus
    {
        /// <summary>The tag was put on the run.</summary>
        Tagged,
        /// <summary>The run had the tag already: nothing was sent.</summary>
        AlreadyTagged,
        /// <summary>The tag was taken off the run.</summary>
        Untagged,
        /// <summary>The run did not have the tag: nothing was sent.</summary>
        NotTagged,
        NotFound,
        /// <summary>The run is archived: Tallyfy tags no archived run (it answers 422 "Subject not found", as for an unknown id).</summary>
        Archived,
        Forbidden,
        Failed,
        /// <summary>Declined at the confirmation prompt.</summary>
        Skipped,
        /// <summary>Nothing was sent: the service had stopped answering, or the credentials were refused, before this run's turn.</summary>
        NotAttempted,
    }
}
