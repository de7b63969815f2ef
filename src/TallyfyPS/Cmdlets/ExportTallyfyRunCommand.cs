using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Writes one JSON backup per run into a folder (the run with its kick-off answers, tags, folders, every task with
    /// its form fields and comments, and the run's activity), plus index.csv. Files are written whole or not at all;
    /// a file that is current (same last_updated) is kept and its run reported Current. An archived run is restored for
    /// a moment to be read whole and archived again (Tallyfy hides an archived run's comments), and its result says so.
    /// </summary>
    [Cmdlet(VerbsData.Export, "TallyfyRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunExportResult))]
    public sealed class ExportTallyfyRunCommand : RunBulkCmdlet<ExportOutcome>
    {
        private static readonly BulkAction Export = new BulkAction(InputKind.Run, RecordKind.Run, "Export", "Exporting Tallyfy runs", irreversible: false);

        private BackupIndexWriter? _index;

        /// <summary>The folder the backups go to (created if needed).</summary>
        [Parameter(Mandatory = true)]
        [Alias("Folder", "BackupPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        internal override BulkAction Action => Export;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _index = Open(this, Path, WhatIfOn);
        }

        private bool WhatIfOn => MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w) ? ((SwitchParameter)w).IsPresent
            : SessionState.PSVariable.GetValue("WhatIfPreference") is object p && LanguagePrimitives.IsTrue(p);

        /// <summary>The backup folder of a call (created unless -WhatIf), or a terminating BackupFolderUnavailable.</summary>
        internal static BackupIndexWriter Open(PSCmdlet cmdlet, string path, bool whatIf)
        {
            string full = PathArguments.Resolve(cmdlet, path, Errors.BackupFolderUnavailable);
            BackupStore store = null!;
            try
            {
                store = new BackupStore(full);
                if (!whatIf)
                {
                    store.Ensure();
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                cmdlet.ThrowTerminatingError(Errors.BackupFolderUnavailable(full, ex.Message));
            }

            return new BackupIndexWriter(store);
        }

        internal override async Task<ExportOutcome> SendAsync(WorkItem item, RequestCounter requests) =>
            await Api.ExportRunAsync(Organization, item.Id, item.Known, _index!.Store, requests, item.Note,
                restoredBefore: item.WasInterruptedAt(BackupSteps.Restoring) && !item.WasInterruptedAt(BackupSteps.Rearchiving)).ConfigureAwait(false);

        internal override TallyfyOperationResult ToResult(WorkItem item, ExportOutcome outcome)
        {
            _index!.Add(outcome.Row);
            return new TallyfyRunExportResult
            {
                RunId = item.Id,
                RunName = outcome.Name ?? item.Name,
                Status = outcome.Status,
                File = outcome.File,
                Sha256 = outcome.Sha256,
                Bytes = outcome.Bytes,
                LastUpdated = TallyfyTimestamp.From(outcome.LastUpdated),
                ArchivedAt = TallyfyTimestamp.From(outcome.ArchivedAt),
                RestoredForExport = outcome.RestoredForExport,
            };
        }

        internal override ErrorRecord? ErrorFor(WorkItem item, ExportOutcome outcome, TallyfyApiException error) =>
            outcome.WriteFailed ? Errors.BackupWriteFailed(Subject(item, outcome.Name ?? item.Name), outcome.Message ?? error.Message, item.Target) : null;

        internal override string CheckAdvice(WorkItem item) =>
            $"Check with Get-TallyfyRun -Id {item.Id} (an archived run restored for its export may be live: archive it with Remove-TallyfyRun).";

        protected override void EndProcessing()
        {
            base.EndProcessing();
            WriteIndex(this, _index);
        }

        internal override void Stopped()
        {
            base.Stopped();
            WriteIndex(this, _index);
        }

        /// <summary>index.csv from the results written, merged with the earlier rows; a failure is a warning.</summary>
        internal static void WriteIndex(PSCmdlet cmdlet, BackupIndexWriter? index)
        {
            if (index is null || !Directory.Exists(index.Store.Folder))
            {
                return;
            }

            if (index.Write() is string problem)
            {
                try
                {
                    cmdlet.WriteWarning(problem);
                }
                catch (Exception ex) when (ex is PipelineStoppedException || ex is PSInvalidOperationException)
                {
                    cmdlet.Host?.UI?.WriteWarningLine(problem);
                }
            }
        }
    }
}
