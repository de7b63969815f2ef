namespace TallyfyPS.Client
{
    /// <summary>Which records a list shows by their archive state.</summary>
    internal enum ArchivedFilter
    {
        /// <summary>Live records only (the service's default).</summary>
        Exclude,
        /// <summary>Live and archived records.</summary>
        Include,
        /// <summary>Archived records only.</summary>
        Only,
    }
}
