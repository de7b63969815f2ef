using System;
using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>Role of a user in its organization.</summary>
public enum Role
{
    Admin,
    Standard,
    Light,
}

public sealed class Organization
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public DateTime CreatedAt { get; init; }
    public List<Run> Runs { get; } = new List<Run>(); // default order: created_at desc, id asc
    public Dictionary<string, Run> RunsById { get; } = new Dictionary<string, Run>(StringComparer.Ordinal);
    public Dictionary<string, Run> RunsByPrefix { get; } = new Dictionary<string, Run>(StringComparer.Ordinal); // first 24 hex digits of the id

    public List<TaskItem> OneOffTasks { get; } = new List<TaskItem>(); // created_at desc
    public Dictionary<string, TaskItem> TasksById { get; } = new Dictionary<string, TaskItem>(StringComparer.Ordinal);
    public List<Checklist> Checklists { get; } = new List<Checklist>();
    public int NextRunIncrement { get; set; } = 1;
    public int NextTaskIncrement { get; set; } = 1;
    public bool AllMaterialized { get; set; }
}

public sealed class User
{
    public required int Id { get; init; }
    public required string Email { get; init; }
    public required string Username { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Timezone { get; init; }
    public required Role Role { get; init; }
    public required string OrganizationId { get; init; }
    public required string Token { get; init; }
}

public sealed class Checklist
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required string Type { get; init; }
    public required string[] Steps { get; init; }
    public required string[] Tags { get; init; }
    public DateTime CreatedAt { get; init; }
    public List<KickoffField> KickoffFields { get; } = new List<KickoffField>();
}

public sealed class KickoffField
{
    public required string Id { get; init; }
    public required string Alias { get; init; }
    public required string Label { get; init; }
    public required string FieldType { get; init; }
    public bool Required { get; init; }
    public string[] Options { get; init; } = Array.Empty<string>();
}

public sealed class Tag
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Color { get; init; }
}

public sealed class Run
{
    public required string Id { get; init; }
    public required int Index { get; init; } // generation index (for lazy detail generation); -1 for launched runs
    public int IncrementId { get; init; }
    public required Checklist Checklist { get; init; }
    public required string Name { get; set; }
    public string Summary { get; set; } = "";
    public required string Status { get; set; }
    public int TaskTotal { get; set; }
    public int TaskComplete { get; set; }
    public int StartedBy { get; init; }
    public int OwnerId { get; set; }
    public Dictionary<string, object?> Prerun { get; set; } = new Dictionary<string, object?>();
    public bool Starred { get; set; }
    public bool IsPublic { get; set; }
    public string Type { get; init; } = "procedure";
    public string? ParentId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime LastUpdated { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? ArchivedAt { get; set; }
    public DateTime? DueDate { get; set; }
    public int LateTasks { get; set; }
    public List<Tag> Tags { get; } = new List<Tag>();
    public List<int> Users { get; } = new List<int>();
    public List<TaskItem>? Tasks { get; set; } // null until materialized
}

public sealed class TaskItem
{
    public required string Id { get; init; }
    public int IncrementId { get; init; }
    public required string Title { get; set; }
    public string Alias { get; init; } = "";
    public string Description { get; set; } = "";
    public Run? Run { get; init; }
    public string? StepId { get; init; }
    public required string Status { get; set; }
    public string TaskType { get; set; } = "task";
    public int Position { get; init; }
    public List<int> OwnerUsers { get; } = new List<int>();
    public List<string> OwnerGuests { get; } = new List<string>();
    public List<string> OwnerGroups { get; } = new List<string>();
    public DateTime? Deadline { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastUpdated { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? OwnArchivedAt { get; set; }
    public int? CompleterId { get; set; }
    public List<Comment> Threads { get; } = new List<Comment>();
    public List<FormField> FormFields { get; } = new List<FormField>();

    public bool IsOneOff => Run is null;

    /// <summary>Archived on its own (one-off) or through its run (cascade).</summary>
    public DateTime? ArchivedAt => OwnArchivedAt ?? Run?.ArchivedAt;
}

public sealed class Comment
{
    public required string Id { get; init; }
    public required string Content { get; init; }
    public string? Label { get; init; }
    public int AuthorId { get; init; }
    public DateTime CreatedAt { get; init; }
}

public sealed class FormField
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required string FieldType { get; init; }
    public bool Required { get; init; }
    public string[] Options { get; init; } = Array.Empty<string>();
    public object? Value { get; set; }
}
