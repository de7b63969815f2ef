using System;

namespace TallyfyPS.Sandbox;

/// <summary>One entry of the activity feed (the audit log): a change the sandbox applied, and who made it.</summary>
public sealed class ActivityEntry
{
    public required long Id { get; init; }
    public required string Verb { get; init; }

    /// <summary><c>user</c>, or <c>system</c> for what the service did by itself (auto-archiving).</summary>
    public string ActorType { get; init; } = "user";
    public int? ActorId { get; init; }
    public string? ActorEmail { get; init; }

    /// <summary><c>checklist</c>, <c>run</c>, <c>task</c>, <c>thread</c> or <c>tag</c>.</summary>
    public required string AuditableType { get; init; }
    public required string AuditableId { get; init; }
    public required string Description { get; init; }
    public string? Field { get; init; }
    public string? OldValue { get; init; }
    public string? Text { get; init; }
    public required DateTime CreatedAt { get; init; }

    /// <summary>The run the entry concerns (for runs, their tasks and comments), or null.</summary>
    public string? RunId { get; init; }

    /// <summary>Set when the run or one-off task it concerns was deleted permanently: only admins still see it.</summary>
    public bool SubjectDeleted { get; set; }
}
