using System;

namespace TallyfyPS.Sandbox;

/// <summary>A folder of runs or of templates.</summary>
public sealed class Folder
{
    public required string Id { get; init; }
    public required string Name { get; set; }

    /// <summary><c>run</c> or <c>checklist</c>.</summary>
    public required string FolderType { get; init; }
    public string? ParentId { get; set; }
    public DateTime CreatedAt { get; init; }
}
