namespace TallyfyPS.Model
{
    /// <summary>A folder of runs or of templates (the API's checklists).</summary>
    public sealed class TallyfyFolder
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        /// <summary>run, or checklist (a folder of templates), as the API says.</summary>
        public string? FolderType { get; set; }

        /// <summary>Run or Template: what the folder holds (what Get-TallyfyFolder -Type takes).</summary>
        public string Type => string.Equals(FolderType, "run", System.StringComparison.OrdinalIgnoreCase) ? "Run" : "Template";
        /// <summary>The folder it sits in; null at the top.</summary>
        public string? ParentId { get; set; }
        /// <summary>Its place among the folders of the same type: "Finance/Archive 2024".</summary>
        public string Path { get; set; } = string.Empty;
        public TallyfyTimestamp? CreatedAt { get; set; }
        /// <summary>On a run's folder: the id of the run's place in it (what Remove-TallyfyRunFolder deletes), where Tallyfy gives it; null on the folder list.</summary>
        public string? FolderObjectId { get; set; }
        public string OrganizationId { get; set; } = string.Empty;

        public override string ToString() => Name;
    }
}
