using System;

namespace TallyfyPS.Sandbox;

/// <summary>Makes activity feed entries.</summary>
internal static class Activity
{
    /// <summary>An entry of a change <paramref name="actor"/> made.</summary>
    public static ActivityEntry Entry(long id, User actor, string verb, string auditableType, string auditableId, string description, DateTime at,
        string? field = null, string? oldValue = null, string? text = null, string? runId = null) => new ActivityEntry
        {
            Id = id,
            Verb = verb,
            ActorId = actor.Id,
            ActorEmail = actor.Email,
            AuditableType = auditableType,
            AuditableId = auditableId,
            Description = description,
            Field = field,
            OldValue = oldValue,
            Text = text,
            CreatedAt = at,
            RunId = runId,
        };

    /// <summary>An entry of a change the service made by itself.</summary>
    public static ActivityEntry System(long id, string verb, string auditableType, string auditableId, string description, DateTime at, string? runId = null) => new ActivityEntry
    {
        Id = id,
        Verb = verb,
        ActorType = "system",
        AuditableType = auditableType,
        AuditableId = auditableId,
        Description = description,
        CreatedAt = at,
        RunId = runId,
    };
}
