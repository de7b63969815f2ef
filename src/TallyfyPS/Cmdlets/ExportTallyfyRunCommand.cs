using System;
using System.Collections.Generic;
using System.Linq;
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
    public sealed class ExportTallyfyRunCommand : RunInputCmdlet
    {
        private static readonly BulkAction Export = new BulkAction(Noun.Run.Input, RecordKind.Run, "Export", "Exporting Tallyfy runs", irreversible: false);

        private static readonly BulkAction ExportRestoring = new BulkAction(Noun.Run.Input, RecordKind.Run, "Export", "Exporting Tallyfy runs", irreversible: false,
            consequence: "If it is archived, it is restored for a moment to be read whole and archived again: Tallyfy then records a new archive date " +
            "and two activity entries for it (the backup and the result keep the original ArchivedAt).",
            checkNote: "an archived run restored to be read may be live: the next TallyfyPS command archives it again, or Remove-TallyfyRun does");

        /// <summary>The warning of a call with -RestoreToRead.</summary>
        internal const string RestoreWarning = "-RestoreToRead: each archived run is restored for a moment to be read whole and archived again. " +
            "Tallyfy then records a new archive date (archived_at) and two activity entries for it, so retention filters such as " +
            "Get-TallyfyRun -ArchivedBefore see it as archived now; its backup and result keep the original ArchivedAt.";

        private BulkPipeline<NoState, ExportOutcome>? _bulk;
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

        /// <summary>
        /// A file that records each item's outcome the moment it is known. Run the same command again with the same
        /// journal (after a crash, a restart, Ctrl+C) and items already settled get their recorded result, with nothing
        /// sent for them.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Journal { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _bulk = new BulkPipeline<NoState, ExportOutcome>(this, Organization, CurrentSession.User, RestoreToRead ? ExportRestoring : Export, new Exporting(this), ThrottleLimit, Journal);
            _index = BackupFolder.Open(this, Path, _bulk.WhatIf);
            if (RestoreToRead && !_bulk.WhatIf)
            {
                WriteWarning(RestoreWarning);
            }
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing()
        {
            _bulk!.Finish();
            BackupFolder.WriteIndex(this, _index);
        }

        internal override void Stopped()
        {
            base.Stopped();
            BackupFolder.WriteIndex(this, _index);
        }

        private sealed class Exporting : IBulkOperation<NoState, ExportOutcome>
        {
            private readonly ExportTallyfyRunCommand _cmdlet;

            public Exporting(ExportTallyfyRunCommand cmdlet) => _cmdlet = cmdlet;

            public IEnumerable<WorkItem<NoState>> Read(InputReader input) => _cmdlet.Input(input).Select(item => new WorkItem<NoState>(item, default));

            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<NoState> item, bool nameWanted) => null;

            public Verdict<ExportOutcome> Decide(WorkItem<NoState> item) => Verdict<ExportOutcome>.Go;

            public async Task<ExportOutcome> SendAsync(WorkItem<NoState> item, RequestCounter requests)
            {
                ExportOutcome outcome = BackupFolder.WarnIfIncomplete(item, requests,
                    await _cmdlet.Ops.ExportRunAsync(_cmdlet.Organization, item.Id, item.Known, _cmdlet._index!.Store, requests,
                        BackupFolder.Options(item, _cmdlet.RestoreToRead, _cmdlet.MyInvocation.MyCommand.Name)).ConfigureAwait(false));
                if (outcome.WriteFailed)
                {
                    item.Error = Errors.BackupWriteFailed(Noun.Run.Describe(item.Id, outcome.Name ?? item.Name), outcome.Message ?? outcome.Error?.Message ?? "The backup could not be written.", item.Target);
                }

                return outcome;
            }

            public object? Output(WorkItem<NoState> item, ExportOutcome? outcome)
            {
                if (outcome is null)
                {
                    return null;
                }

                _cmdlet._index!.Add(outcome.Row);
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
        }
    }
}
