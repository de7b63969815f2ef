namespace TallyfyPS.Model
{
    /// <summary>How removing one member ended (Remove-TallyfyUser).</summary>
    public enum TallyfyUserRemovalStatus
    {
        /// <summary>Deactivated: the member is disabled (Enable-TallyfyUser brings them back).</summary>
        Removed,

        /// <summary>Deleted for good (-Permanent).</summary>
        Deleted,

        /// <summary>Nothing was sent: the member was disabled already.</summary>
        AlreadyRemoved,

        /// <summary>Nothing was sent: open assignments, the default admin, a bot.</summary>
        Refused,

        NotFound,
        Forbidden,
        Failed,
        NotAttempted,
        Skipped,
        Unknown,
    }
}
