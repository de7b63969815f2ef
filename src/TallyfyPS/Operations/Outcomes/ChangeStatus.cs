using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>What a change of one record came to (a launch, an update, a new comment).</summary>
    internal enum ChangeStatus
    {
        /// <summary>Applied by this call.</summary>
        Done,
        /// <summary>Nothing to do: what was asked for is in place already (a launch skipped for a live run of that name).</summary>
        Existing,
        NotFound,
        Forbidden,
        Failed,
        Skipped,
        NotAttempted,
        /// <summary>The change was sent and no answer settled whether it was applied.</summary>
        Unknown,
    }
}
