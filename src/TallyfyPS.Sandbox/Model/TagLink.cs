using System;

namespace TallyfyPS.Sandbox;

/// <summary>A tag on a run or a template: an association with an id of its own (what untagging deletes).</summary>
public sealed class TagLink
{
    public required string Id { get; init; }
    public required Tag Tag { get; init; }

    /// <summary><c>Run</c> or <c>Checklist</c>.</summary>
    public required string SubjectType { get; init; }
    public required string SubjectId { get; init; }
    public DateTime CreatedAt { get; init; }
}
