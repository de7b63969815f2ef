using System;

namespace TallyfyPS.Sandbox;

/// <summary>A member of an organization: seeded the same for every seed, each sandbox state holding its own copies (invites, role changes, disabling).</summary>
public sealed class User
{
    public required int Id { get; init; }
    public required string Email { get; init; }
    public required string Username { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Timezone { get; init; }
    public required Role Role { get; set; }

    /// <summary>The role as the API writes it for this member: the service uses any case (<c>Admin</c>, <c>standard</c>).</summary>
    public required string RoleText { get; set; }

    /// <summary><c>active</c>, <c>invited</c> or <c>disabled</c>.</summary>
    public string Status { get; set; } = "active";
    public required string OrganizationId { get; init; }

    /// <summary>The personal access token, for the members one can sign in as; null for the others.</summary>
    public string? Token { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastLoginAt { get; init; }

    /// <summary>A bot (an integration's member): Tallyfy refuses to deactivate it (400).</summary>
    public bool IsBot { get; init; }

    public string FullName => FirstName + " " + LastName;

    /// <summary>A copy, for a sandbox state's own members.</summary>
    public User Copy() => (User)MemberwiseClone();
}
