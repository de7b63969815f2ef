using System;
using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>A group of members and guests.</summary>
public sealed class Group
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required IReadOnlyList<int> Members { get; set; }
    public required IReadOnlyList<string> Guests { get; set; }
    public DateTime CreatedAt { get; init; }
}
