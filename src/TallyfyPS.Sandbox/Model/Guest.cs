using System;

namespace TallyfyPS.Sandbox;

/// <summary>A guest of an organization: someone outside it, known by email.</summary>
public sealed class Guest
{
    public required string Email { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public string CompanyName { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}
