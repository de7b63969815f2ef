namespace TallyfyPS.Model
{
    /// <summary>How moving one assignment ended.</summary>
    public enum TallyfyAssignmentMoveStatus
    {
        /// <summary>The person was replaced by the new one; every other owner, guest and group kept.</summary>
        Moved,

        /// <summary>Nothing was sent: the new person is there already and the old one is gone.</summary>
        AlreadyMoved,

        /// <summary>Nothing was sent: the move cannot be made (no such member, disabled, the same person, a completed task, ...).</summary>
        Refused,

        Failed,

        /// <summary>Not sent: the call stopped or a rate limit held it back; run it again.</summary>
        NotAttempted,

        /// <summary>The change was sent and no answer said whether it was applied.</summary>
        Unknown,

        /// <summary>Declined at the confirmation prompt.</summary>
        Skipped,
    }
}
