using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of backups: writing them, deleting only what was backed up, reading them back.</summary>
    internal static partial class Errors
    {
        /// <summary>Remove-TallyfyRun -BackupPath: the backup failed, so the run was neither archived nor deleted (its message says what a restore to read it changed).</summary>
        public static ErrorRecord BackupFailed(string subject, ExportOutcome backup, string action, object? target) => New(ErrorIds.BackupFailed,
            backup.WriteFailed ? ErrorCategory.WriteError : ErrorCategory.ReadError, target,
            $"{subject} was not {action}: its backup failed. {backup.Message?.TrimEnd('.')}.",
            backup.WriteFailed
                ? "Make the -BackupPath folder writable (and free some space), then run the command again: only runs whose backup was written are removed."
                : "Run the command again when Tallyfy answers: only runs whose backup was written are removed. Export-TallyfyRun writes backups on their own.");

        /// <summary>Export-TallyfyRun: the file could not be written or read back.</summary>
        public static ErrorRecord BackupWriteFailed(string subject, string message, object? target) => New(ErrorIds.BackupWriteFailed, ErrorCategory.WriteError, target,
            $"{subject}: {message.TrimEnd('.')}.",
            "Make the folder writable (and free some space), then run Export-TallyfyRun again: files already current are skipped.");

        public static ErrorRecord BackupFolderUnavailable(string path, string why) => New(ErrorIds.BackupFolderUnavailable, ErrorCategory.WriteError, path,
            $"The backup folder '{path}' cannot be used: {why.TrimEnd('.')}. Nothing was sent.",
            "Give a folder that can be created and written to.");

        public static ErrorRecord InvalidBackup(BackupFormatException ex) => New(ErrorIds.InvalidBackup, ErrorCategory.InvalidData, ex.Path,
            $"'{ex.Path}' is not a readable TallyfyPS run backup: {ex.Problem.TrimEnd('.')}.",
            "Give files that Export-TallyfyRun (or Remove-TallyfyRun -BackupPath) wrote; a damaged one can be exported again while the run exists.", ex);

        public static ErrorRecord BackupNotFound(string path) => New(ErrorIds.BackupNotFound, ErrorCategory.ObjectNotFound, path,
            $"No backup file or folder matches '{path}'.",
            "Give the folder that Export-TallyfyRun -Path wrote to, or its .json files (wildcards allowed).");
    }
}
