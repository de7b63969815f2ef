namespace TallyfyPS.Model
{
    /// <summary>The outcome of Remove-TallyfyTag for one tag.</summary>
    public enum TallyfyTagRemovalStatus
    {
        Deleted,
        /// <summary>No such tag in the organization's tag list: no deletion was sent (Tallyfy would answer 204 all the same).</summary>
        NotFound,
        Forbidden,
        Failed,
        Skipped,
        NotAttempted,
    }
}
