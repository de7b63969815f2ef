using System;
using System.Collections.Generic;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What exporting one run did: the file written (or found current) and what reading the run took.</summary>
    internal sealed class ExportOutcome : RecordOutcome
    {
        public TallyfyExportStatus Status { get; set; } = TallyfyExportStatus.Failed;

        /// <summary>The backup file, full path, once written or found current.</summary>
        public string? File { get; set; }

        public string? Sha256 { get; set; }

        public long Bytes { get; set; }

        public DateTimeOffset? LastUpdated { get; set; }

        /// <summary>When the run was archived before the export; null for a live run.</summary>
        public DateTimeOffset? ArchivedAt { get; set; }

        /// <summary>What the backup could not hold (relations named as in with=, e.g. tasks.threads); empty when it is whole.</summary>
        public IReadOnlyList<string> Missing { get; set; } = Array.Empty<string>();

        /// <summary>The run was archived and was restored for a moment to be read whole.</summary>
        public bool RestoredForExport { get; set; }

        /// <summary>Restored for the export and not archived again: the run is live now.</summary>
        public bool LeftRestored { get; set; }

        /// <summary>Whether the run is archived now, as far as the export saw (what a deletion that follows needs).</summary>
        public KnownState StateAfter { get; set; } = KnownState.Unknown;

        /// <summary>The index row of the file (null unless written or current).</summary>
        public BackupIndexRow? Row { get; set; }

        /// <summary>The failure was the file's (writing or reading it back), not the service's.</summary>
        public bool WriteFailed { get; set; }

        public bool Succeeded => Status == TallyfyExportStatus.Exported || Status == TallyfyExportStatus.Current;

        /// <summary>Restoring and archiving again changed the run's archived_at, and a run left restored is live.</summary>
        public override bool Changed => RestoredForExport || LeftRestored;

        public override string StatusText => Status.ToString();

        protected override void OnFailed(TallyfyErrorKind kind) => Status = kind switch
        {
            TallyfyErrorKind.NotFound => TallyfyExportStatus.NotFound,
            TallyfyErrorKind.Forbidden => TallyfyExportStatus.Forbidden,
            TallyfyErrorKind.NotSent => TallyfyExportStatus.NotAttempted,
            _ => TallyfyExportStatus.Failed,
        };

        protected override void OnSkipped() => Status = TallyfyExportStatus.Skipped;
    }
}
