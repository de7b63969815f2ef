using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// What an export announces just before it sends a change (to a journal): an archived run restored for a moment
    /// and archived again. A rerun that finds "restoring" without "rearchiving" knows the run was archived before it.
    /// </summary>
    internal static class BackupSteps
    {
        /// <summary>An archived run is about to be restored so that it can be read whole.</summary>
        public const string Restoring = "restoring-for-backup";

        /// <summary>The run restored for the export is about to be archived again.</summary>
        public const string Rearchiving = "rearchiving-after-backup";
    }
}
