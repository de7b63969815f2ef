using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The status word of an update's result (Set-TallyfyRun, Set-TallyfyTask) for what the change came to.</summary>
    internal static class UpdateResults
    {
        internal static TallyfyUpdateStatus StatusOf(ChangeStatus status) => status switch
        {
            ChangeStatus.Done => TallyfyUpdateStatus.Updated,
            ChangeStatus.NotFound => TallyfyUpdateStatus.NotFound,
            ChangeStatus.Forbidden => TallyfyUpdateStatus.Forbidden,
            ChangeStatus.Skipped => TallyfyUpdateStatus.Skipped,
            ChangeStatus.NotAttempted => TallyfyUpdateStatus.NotAttempted,
            ChangeStatus.Unknown => TallyfyUpdateStatus.Unknown,
            _ => TallyfyUpdateStatus.Failed,
        };
    }
}
