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
    /// Archives Tallyfy runs (recoverable with Restore-TallyfyRun), or with -Permanent deletes them for good
    /// (archiving first where needed). One result per input, in input order.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyRun", HelpUri = HelpLinks.Base + "Remove-TallyfyRun.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunRemovalResult))]
    public sealed class RemoveTallyfyRunCommand : RunInputCmdlet
    {
        private static readonly BulkAction Archive = new BulkAction(Noun.Run.Input, RecordKind.Run, "Archive", "Archiving Tallyfy runs", irreversible: false);
        private static readonly BulkAction Delete = new BulkAction(Noun.Run.Input, RecordKind.Run, "Permanently delete", "Permanently deleting Tallyfy runs", irreversible: true,
            forbiddenAdvice: "Permanent deletion needs a Tallyfy administrator: use an administrator's token.");

        private BulkPipeline<ExportOutcome?, RemovalOutcome>? _bulk;
        private BackupIndexWriter? _backups;

        /// <summary>Delete permanently instead of archiving. Irreversible; prompts unless -Force or -Confirm:$false.</summary>
        [Parameter]
        public SwitchParameter Permanent { get; set; }

        /// <summary>
        /// A folder to back each run up into first (as Export-TallyfyRun does): a run is archived or deleted only once its
        /// backup was written and read back; a run whose backup failed is BackupFailed and not archived or deleted. With
        /// -Permanent an archived run is restored for a moment to be read whole (its comments) and archived again.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BackupPath { get; set; }

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
            _bulk = new BulkPipeline<ExportOutcome?, RemovalOutcome>(this, Organization, CurrentSession.User, Permanent ? Delete : Archive, new Removal(this), ThrottleLimit, Journal);
            if (Permanent)
            {
                Administrators.Require(this, CurrentSession, Organization);
            }

            if (BackupPath != null)
            {
                _backups = BackupFolder.Open(this, BackupPath, _bulk.WhatIf);
            }
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing()
        {
            _bulk!.Finish();
            BackupFolder.WriteIndex(this, _backups);
        }

        internal override void Stopped()
        {
            base.Stopped();
            BackupFolder.WriteIndex(this, _backups);
        }

        /// <summary>Archiving or deleting one run, its backup first with -BackupPath (the item's state: that backup).</summary>
        private sealed class Removal : IBulkOperation<ExportOutcome?, RemovalOutcome>
        {
            private readonly RemoveTallyfyRunCommand _cmdlet;

            public Removal(RemoveTallyfyRunCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            private string Organization => _cmdlet.Organization;

            private bool Permanent => _cmdlet.Permanent;

            public IEnumerable<WorkItem<ExportOutcome?>> Read(InputReader input) => _cmdlet.Input(input).Select(item => new WorkItem<ExportOutcome?>(item, null));

            // Nothing is read first (but a prompt's need of the run's name): an archive answers with the run's name, and a
            // deletion archives first only where the input does not already say that the run is archived.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<ExportOutcome?> item, bool nameWanted) => null;

            public Verdict<RemovalOutcome> Decide(WorkItem<ExportOutcome?> item) => Verdict<RemovalOutcome>.Go;

            // With -BackupPath the backup comes first, inside the item's work: nothing is archived or deleted unless it
            // was written and read back (a current file counts, read back and hashed).
            public async Task<RemovalOutcome> SendAsync(WorkItem<ExportOutcome?> item, RequestCounter requests)
            {
                RecordState known = item.Known;
                if (_cmdlet._backups is BackupIndexWriter backups)
                {
                    // Deleting for good loses what an archived run hides (its comments): then it is restored to be read whole
                    // (recorded durably first, archived again at once). Archiving changes nothing of an archived run, so
                    // neither does its backup: it holds what can be read, and says what it lacks.
                    ExportOutcome backup = BackupFolder.WarnIfIncomplete(item, requests,
                        await Ops.ExportRunAsync(Organization, item.Id, item.Known, backups.Store, requests,
                            BackupFolder.Options(item, restoreToRead: Permanent, _cmdlet.MyInvocation.MyCommand.Name)).ConfigureAwait(false));
                    item.State = backup;
                    backups.Add(backup.Row);
                    if (!backup.Succeeded)
                    {
                        var failed = new RemovalOutcome { Name = backup.Name ?? item.Name, HttpStatus = backup.HttpStatus, RequestId = backup.RequestId };
                        if (backup.Status == TallyfyExportStatus.NotFound && Permanent)
                        {
                            // Nothing of that id to back up or delete (deleted earlier, or never here): as the deletion says.
                            failed.SetAbsent();
                            return Resumed.Removal(item, failed);
                        }

                        if (backup.Status == TallyfyExportStatus.NotFound && backup.Error != null)
                        {
                            failed.Fail(backup.Error, requests.Sent);
                            return Resumed.Removal(item, failed);
                        }

                        failed.Status = TallyfyRemovalStatus.BackupFailed;
                        failed.Error = backup.Error ?? new TallyfyApiException(TallyfyErrorKind.ClientError, backup.Message ?? "The backup failed.");
                        failed.Message = backup.Message;
                        item.Error = Errors.BackupFailed(Noun.Run.Describe(item.Id, failed.Name ?? item.Name), backup, Permanent ? "deleted" : "archived", item.Target);
                        return failed;
                    }

                    known = new RecordState(backup.StateAfter, backup.Name ?? item.Name, backup.ArchivedAt);
                }

                return Resumed.Removal(item, await (Permanent
                    ? Ops.Runs.DeleteAsync(Organization, item.Id, known, requests, item.Note)
                    : Ops.Runs.ArchiveAsync(Organization, item.Id, known, requests, item.Note)).ConfigureAwait(false));
            }

            public object? Output(WorkItem<ExportOutcome?> item, RemovalOutcome? outcome) => outcome is null ? null : new TallyfyRunRemovalResult
            {
                RunId = item.Id,
                Name = outcome.Name ?? item.Name,
                Action = Permanent ? TallyfyAction.Delete : TallyfyAction.Archive,
                Status = outcome.Status,
                BackupFile = item.State?.File,
                ArchivedAt = item.State is { RestoredForExport: true } restored ? TallyfyTimestamp.From(restored.ArchivedAt) : null,
            };
        }
    }
}
