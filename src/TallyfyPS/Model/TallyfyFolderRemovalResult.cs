namespace TallyfyPS.Model
{
    /// <summary>One folder's result of Remove-TallyfyFolder.</summary>
    public sealed class TallyfyFolderRemovalResult : TallyfyOperationResult
    {
        public string FolderId { get; set; } = string.Empty;
        public string? Name { get; set; }
        /// <summary>Its place among the folders of its type: "Finance/Archive 2024".</summary>
        public string? Path { get; set; }
        /// <summary>Run or Template: what the folder held.</summary>
        public string? Type { get; set; }
        /// <summary>Deleted, NotFound, Forbidden, Failed, Skipped or NotAttempted.</summary>
        public TallyfyRemovalStatus Status { get; set; }

        public override bool Succeeded => Status == TallyfyRemovalStatus.Deleted;

        public override string ToString() => $"{FolderId} {Status}";
    }
}
