using System;
using System.Collections.Generic;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>What a backup file says of itself, besides the run and its activity.</summary>
    internal sealed class BackupHeader
    {
        public DateTimeOffset ExportedAt { get; set; }
        public string ModuleVersion { get; set; } = string.Empty;
        public string OrganizationId { get; set; } = string.Empty;
        public string SourceUrl { get; set; } = string.Empty;
        public string RunId { get; set; } = string.Empty;
        public string RunName { get; set; } = string.Empty;

        /// <summary>The run's last_updated as the service showed it when the export was done (what a rerun compares).</summary>
        public string? LastUpdated { get; set; }

        /// <summary>When the run was archived before the export; null for a live run.</summary>
        public DateTimeOffset? ArchivedAt { get; set; }

        public bool RestoredForExport { get; set; }

        /// <summary>What the file could not hold (relations named as in with=, e.g. tasks.threads); empty for a whole backup.</summary>
        public IReadOnlyList<string> Missing { get; set; } = Array.Empty<string>();
    }
}
