using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>What is known of a record's state before a change is sent.</summary>
    internal enum KnownState
    {
        /// <summary>Nothing is known (a bare id).</summary>
        Unknown,
        /// <summary>The record exists and is not archived.</summary>
        Live,
        /// <summary>The record exists and is archived.</summary>
        Archived,
        /// <summary>A read answered 404. For runs this may also mean archived (some services hide archived runs from a read).</summary>
        Missing,
    }
}
