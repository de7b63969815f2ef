namespace TallyfyPS.Model
{
    /// <summary>What New-TallyfyGuest or Remove-TallyfyGuest did to one guest.</summary>
    public enum TallyfyGuestChangeStatus
    {
        Created,
        /// <summary>The organization has this guest already: nothing was sent.</summary>
        AlreadyGuest,
        /// <summary>The guest was removed (and detached from every task).</summary>
        Removed,
        /// <summary>Refused before anything was sent (an email that is no guest's, a bad email): see the error.</summary>
        Refused,
        NotFound,
        Forbidden,
        Failed,
        /// <summary>Declined at the confirmation prompt.</summary>
        Skipped,
        /// <summary>Nothing was sent: the guest-invite cap (30 an hour), or a service that stopped answering, stopped the call first.</summary>
        NotAttempted,
        /// <summary>The change was sent and no answer settled whether it was applied.</summary>
        Unknown,
    }
}
