using System;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>How one export reads its run.</summary>
    internal sealed class ExportOptions
    {
        /// <summary>Told <see cref="BackupSteps"/> just before a restore or an archive is sent (the journal's note).</summary>
        public Action<string>? Sending { get; set; }

        /// <summary>An earlier, interrupted call restored this run for its export: archive it again afterwards.</summary>
        public bool RestoredBefore { get; set; }

        /// <summary>Read an archived run whole by restoring it for a moment (Tallyfy records a new archive date); else it is left as it was.</summary>
        public bool RestoreToRead { get; set; }

        /// <summary>The command, as the durable record of a restore names it.</summary>
        public string Command { get; set; } = "Export-TallyfyRun";
    }
}
