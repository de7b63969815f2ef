namespace TallyfyPS.Model
{
    /// <summary>One run's result of Add-TallyfyRunFolder or Remove-TallyfyRunFolder; piping results of one into the other undoes it.</summary>
    public sealed class TallyfyRunFolderResult : TallyfyOperationResult
    {
        public string RunId { get; set; } = string.Empty;
        public string? RunName { get; set; }
        public string FolderId { get; set; } = string.Empty;
        /// <summary>The folder's path among the folders of runs: "Finance/Archive 2024".</summary>
        public string? FolderPath { get; set; }
        public TallyfyRunFolderStatus Status { get; set; }
        /// <summary>The id of the run's place in the folder (what taking it out deletes), where known.</summary>
        public string? FolderObjectId { get; set; }

        public override bool Succeeded => Status == TallyfyRunFolderStatus.Added || Status == TallyfyRunFolderStatus.AlreadyInFolder ||
                                          Status == TallyfyRunFolderStatus.Removed || Status == TallyfyRunFolderStatus.NotInFolder;

        public override string ToString() => $"{RunId} {Status}";
    }
}
