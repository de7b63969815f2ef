using System;

namespace TallyfyPS.Sandbox;

/// <summary>An OAuth access token the sandbox issued.</summary>
public sealed class IssuedToken
{
    public required int UserId { get; init; }
    public required DateTime ExpiresAt { get; init; }
}
