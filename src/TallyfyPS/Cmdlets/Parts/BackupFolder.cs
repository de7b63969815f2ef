using System;
using System.IO;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The backup folder of Export-TallyfyRun and Remove-TallyfyRun -BackupPath: opened (created unless -WhatIf) before any
    /// input, each run's backup read its way, an incomplete backup told, and index.csv written at the end however the call ends.
    /// </summary>
    internal static class BackupFolder
    {
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

        /// <summary>A backup that could not hold the whole run is told in a warning naming the run and what it lacks.</summary>
        internal static ExportOutcome WarnIfIncomplete(WorkItem item, RequestCounter requests, ExportOutcome outcome)
        {
            if (outcome.Succeeded && outcome.Missing.Count > 0)
            {
                requests.Context.Warn($"{Noun.Run.Describe(item.Id, outcome.Name ?? item.Name)}: its backup {outcome.File} is not complete; it lacks " +
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
