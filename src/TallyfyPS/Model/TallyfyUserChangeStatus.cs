namespace TallyfyPS.Model
{
    /// <summary>What New-TallyfyUser, Set-TallyfyUser, Disable-TallyfyUser or Enable-TallyfyUser did to one member.</summary>
    public enum TallyfyUserChangeStatus
    {
        /// <summary>The email was invited as a new member (status invited).</summary>
        Invited,
        /// <summary>The organization has a member with this email already: nothing was sent.</summary>
        AlreadyMember,
        /// <summary>The member's role was changed.</summary>
        RoleChanged,
        /// <summary>The member has the role already: nothing was sent.</summary>
        AlreadyInRole,
        Disabled,
        /// <summary>The member is disabled already: nothing was sent.</summary>
        AlreadyDisabled,
        Enabled,
        /// <summary>The member is not disabled (active, or invited): nothing was sent.</summary>
        AlreadyEnabled,
        /// <summary>Refused before anything was sent (a missing field, an email or id that is nobody's): see the error.</summary>
        Refused,
        NotFound,
        Forbidden,
        /// <summary>The service refused or failed (a full seat pool is SeatLimitReached): see the error.</summary>
        Failed,
        /// <summary>Declined at the confirmation prompt.</summary>
        Skipped,
        /// <summary>Nothing was sent: the service had stopped answering, or a rate limit stopped the call, before this item's turn.</summary>
        NotAttempted,
        /// <summary>The change was sent and no answer settled whether it was applied.</summary>
        Unknown,
    }
}
