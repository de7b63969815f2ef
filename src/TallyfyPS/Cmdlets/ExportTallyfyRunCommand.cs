using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Writes one JSON backup per run into a folder (the run with its kick-off answers, tags, folders, every task with
    /// its form fields and comments, and the run's activity), plus index.csv. Files are written whole or not at all;
    /// a file that is current (same last_updated) is kept and its run reported Current. Every run is left as it was
    /// found: an archived run is backed up from what Tallyfy shows of it while archived (not its comments), and its file
    /// and result say what is missing (Complete false, Missing), with a warning. -RestoreToRead reads an archived run
    /// whole by restoring it for a moment and archiving it again (Tallyfy records a new archive date), after a prompt.
    /// </summary>
    [Cmdlet(VerbsData.Export, "TallyfyRun", HelpUri = HelpLinks.Base + "Export-TallyfyRun.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunExportResult))]
    public sealed class ExportTallyfyRunCommand : RunBulkCmdlet<ExportOutcome>
    {
        private static readonly BulkAction Export = new BulkAction(InputKind.Run, RecordKind.Run, "Export", "Exporting Tallyfy runs", irreversible: false);

        private static readonly BulkAction ExportRestoring = new BulkAction(InputKind.Run, RecordKind.Run, "Export", "Exporting Tallyfy runs", irreversible: false,
            consequence: "If it is archived, it is restored for a moment to be read whole and archived again: Tallyfy then records a new archive date " +
            "and two activity entries for it (the backup and the result keep the original ArchivedAt).");

        /// <summary>The warning of a call with -RestoreToRead.</summary>
        internal const string RestoreWarning = "-RestoreToRead: each archived run is restored for a moment to be read whole and archived again. " +
            "Tallyfy then records a new archive date (archived_at) and two activity entries for it, so retention filters such as " +
            "Get-TallyfyRun -ArchivedBefore see it as archived now; its backup and result keep the original ArchivedAt.";

        private BackupIndexWriter? _index;

        /// <summary>The folder the backups go to (created if needed).</summary>
        [Parameter(Mandatory = true)]
        [Alias("Folder", "BackupPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>
        /// Read an archived run whole by restoring it for a moment and archiving it again (Tallyfy records a new archive
        /// date). Prompts unless -Force or -Confirm:$false.
        /// </summary>
        [Parameter]
        public SwitchParameter RestoreToRead { get; set; }

        internal override BulkAction Action => RestoreToRead ? ExportRestoring : Export;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _index = Open(this, Path, WhatIfOn);
            if (RestoreToRead && !WhatIfOn)
            {
                WriteWarning(RestoreWarning);
            }
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
            WarnIfIncomplete(this, item, requests,
                await Ops.ExportRunAsync(Organization, item.Id, item.Known, _index!.Store, requests, Options(item, RestoreToRead, MyInvocation.MyCommand.Name)).ConfigureAwait(false));

        /// <summary>A backup that could not hold the whole run is told in a warning naming the run and what it lacks.</summary>
        internal static ExportOutcome WarnIfIncomplete<T>(BulkCmdlet<T> cmdlet, WorkItem item, RequestCounter requests, ExportOutcome outcome) where T : RecordOutcome, new()
        {
            if (outcome.Succeeded && outcome.Missing.Count > 0)
            {
                requests.Context.Warn($"{cmdlet.Subject(item, outcome.Name ?? item.Name)}: its backup {outcome.File} is not complete; it lacks " +
                    $"{BackupDocument.Describe(outcome.Missing)}, which Tallyfy hides while a run is archived. The run was left archived as it was; " +
                    "Export-TallyfyRun -RestoreToRead reads it whole.");
            }

            return outcome;
        }

        /// <summary>How an item's run is read: restored to be read only when asked.</summary>
        internal static ExportOptions Options(WorkItem item, bool restoreToRead, string command) => new ExportOptions
        {
            Sending = item.Note,
            RestoredBefore = item.WasInterruptedAt(BackupSteps.Restoring) && !item.WasInterruptedAt(BackupSteps.Rearchiving),
            RestoreToRead = restoreToRead,
            Command = command,
        };

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
                Complete = outcome.Succeeded ? outcome.Missing.Count == 0 : (bool?)null,
                Missing = outcome.Missing.Count == 0 ? null : string.Join(", ", outcome.Missing),
            };
        }

        internal override ErrorRecord? ErrorFor(WorkItem item, ExportOutcome outcome, TallyfyApiException error) =>
            outcome.WriteFailed ? Errors.BackupWriteFailed(Subject(item, outcome.Name ?? item.Name), outcome.Message ?? error.Message, item.Target) : null;

        internal override string CheckAdvice(WorkItem item) =>
            RestoreToRead
                ? $"Check with Get-TallyfyRun -Id {item.Id} (an archived run restored to be read may be live: the next TallyfyPS command archives it again, or Remove-TallyfyRun does)."
                : $"Check with Get-TallyfyRun -Id {item.Id}.";

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
