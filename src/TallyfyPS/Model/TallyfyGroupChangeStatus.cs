namespace TallyfyPS.Model
{
    /// <summary>What New-TallyfyGroup, Set-TallyfyGroup or Remove-TallyfyGroup did to one group.</summary>
    public enum TallyfyGroupChangeStatus
    {
        Created,
        Updated,
        /// <summary>The group is as asked already: nothing was sent.</summary>
        Unchanged,
        Removed,
        /// <summary>Refused before anything was sent (a name taken, a group or person that is nobody): see the error.</summary>
        Refused,
        NotFound,
        Forbidden,
        Failed,
        /// <summary>Declined at the confirmation prompt.</summary>
        Skipped,
        /// <summary>Nothing was sent: the service had stopped answering before this item's turn.</summary>
        NotAttempted,
        /// <summary>The change was sent and no answer settled whether it was applied.</summary>
        Unknown,
    }
}
