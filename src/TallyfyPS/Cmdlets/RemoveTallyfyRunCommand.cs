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
    public sealed class RemoveTallyfyRunCommand : RunBulkCmdlet<RemovalOutcome>
    {
        private static readonly BulkAction Archive = new BulkAction(InputKind.Run, RecordKind.Run, "Archive", "Archiving Tallyfy runs", irreversible: false);
        private static readonly BulkAction Delete = new BulkAction(InputKind.Run, RecordKind.Run, "Permanently delete", "Permanently deleting Tallyfy runs", irreversible: true);

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

        private BackupIndexWriter? _backups;

        internal override BulkAction Action => Permanent ? Delete : Archive;

        internal override string? ForbiddenAdvice => Permanent ? "Permanent deletion needs a Tallyfy administrator: use an administrator's token." : null;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Permanent)
            {
                Administrators.Require(this, CurrentSession, Organization);
            }

            if (BackupPath != null)
            {
                bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w) ? ((SwitchParameter)w).IsPresent
                    : SessionState.PSVariable.GetValue("WhatIfPreference") is object p && LanguagePrimitives.IsTrue(p);
                _backups = ExportTallyfyRunCommand.Open(this, BackupPath, whatIf);
            }
        }

        protected override void EndProcessing()
        {
            base.EndProcessing();
            ExportTallyfyRunCommand.WriteIndex(this, _backups);
        }

        internal override void Stopped()
        {
            base.Stopped();
            ExportTallyfyRunCommand.WriteIndex(this, _backups);
        }

        // Nothing is read first: an archive answers with the run's name, and a deletion archives first only
        // where the input does not already say that the run is archived.
        // With -BackupPath the backup comes first, inside the item's work: nothing is archived or deleted unless it
        // was written and read back (a current file counts, read back and hashed).
        internal override async Task<RemovalOutcome> SendAsync(WorkItem item, RequestCounter requests)
        {
            RecordState known = item.Known;
            if (_backups != null)
            {
                // Deleting for good loses what an archived run hides (its comments): then it is restored to be read whole
                // (recorded durably first, archived again at once). Archiving changes nothing of an archived run, so
                // neither does its backup: it holds what can be read, and says what it lacks.
                ExportOutcome backup = ExportTallyfyRunCommand.WarnIfIncomplete(this, item, requests,
                    await Ops.ExportRunAsync(Organization, item.Id, item.Known, _backups.Store, requests,
                        ExportTallyfyRunCommand.Options(item, restoreToRead: Permanent, MyInvocation.MyCommand.Name)).ConfigureAwait(false));
                item.Data = backup;
                _backups.Add(backup.Row);
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
                    return failed;
                }

                known = new RecordState(backup.StateAfter, backup.Name ?? item.Name, backup.ArchivedAt);
            }

            return Resumed.Removal(item, await (Permanent
                ? Ops.Runs.DeleteAsync(Organization, item.Id, known, requests, item.Note)
                : Ops.Runs.ArchiveAsync(Organization, item.Id, known, requests, item.Note)).ConfigureAwait(false));
        }

        internal override ErrorRecord? ErrorFor(WorkItem item, RemovalOutcome outcome, TallyfyApiException error) =>
            outcome.Status == TallyfyRemovalStatus.BackupFailed && item.Data is ExportOutcome backup
                ? Errors.BackupFailed(Subject(item, outcome.Name ?? item.Name), backup, Permanent ? "deleted" : "archived", item.Target)
                : null;

        internal override TallyfyOperationResult ToResult(WorkItem item, RemovalOutcome outcome) => new TallyfyRunRemovalResult
        {
            RunId = item.Id,
            Name = outcome.Name ?? item.Name,
            Action = Permanent ? TallyfyAction.Delete : TallyfyAction.Archive,
            Status = outcome.Status,
            BackupFile = (item.Data as ExportOutcome)?.File,
            ArchivedAt = (item.Data as ExportOutcome) is { RestoredForExport: true } restored ? TallyfyTimestamp.From(restored.ArchivedAt) : null,
        };
    }
}
