using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>A template (API name checklist; the UI says blueprint).</summary>
public sealed class Checklist
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required string Type { get; init; }
    public string Status { get; init; } = "active";
    public bool Starred { get; init; }
    public bool IsPinned { get; init; }
    public int OwnerId { get; init; }
    public int CreatedBy { get; init; }
    public Folder? Folder { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastUpdated { get; set; }
    public DateTime? ArchivedAt { get; set; }
    public List<Step> Steps { get; } = new List<Step>();
    public List<FieldDefinition> KickoffFields { get; } = new List<FieldDefinition>();
    public List<TagLink> Tags { get; } = new List<TagLink>();

    /// <summary>Tallyfy's <c>custom_fields</c> (key -> value); null when it has none (the key is left out).</summary>
    public JsonObject? CustomFields { get; set; }
}
