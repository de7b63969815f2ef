using System;
using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>A group of members and guests.</summary>
public sealed class Group
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required IReadOnlyList<int> Members { get; init; }
    public required IReadOnlyList<string> Guests { get; init; }
    public DateTime CreatedAt { get; init; }
}
