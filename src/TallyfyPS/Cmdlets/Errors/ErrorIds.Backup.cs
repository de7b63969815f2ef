namespace TallyfyPS.Cmdlets
{
    public static partial class ErrorIds
    {
        // Backups (Export-TallyfyRun, Remove-TallyfyRun -BackupPath, Import-TallyfyBackup)
        public const string BackupFailed = "BackupFailed";
        public const string BackupWriteFailed = "BackupWriteFailed";
        public const string BackupFolderUnavailable = "BackupFolderUnavailable";
        public const string InvalidBackup = "InvalidBackup";
        public const string BackupNotFound = "BackupNotFound";
    }
}
