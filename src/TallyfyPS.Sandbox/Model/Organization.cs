using System;
using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>An organization and everything it owns.</summary>
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
    public List<Tag> Tags { get; } = new List<Tag>();
    public List<Folder> Folders { get; } = new List<Folder>();
    public List<Group> Groups { get; } = new List<Group>();
    public List<Guest> Guests { get; } = new List<Guest>();

    /// <summary>The organization's members (this state's own copies: invites, role changes and disabling change them).</summary>
    public List<User> Members { get; } = new List<User>();

    /// <summary>The organization's default admin: Tallyfy refuses to deactivate it (400).</summary>
    public int DefaultAdminId { get; set; }

    /// <summary>Tag associations (of runs and templates) by association id.</summary>
    public Dictionary<string, TagLink> TagLinks { get; } = new Dictionary<string, TagLink>(StringComparer.Ordinal);

    /// <summary>The activity feed, oldest first; entries outlive what they are about.</summary>
    public List<ActivityEntry> Activity { get; } = new List<ActivityEntry>();

    public int NextRunIncrement { get; set; } = 1;
    public int NextTaskIncrement { get; set; } = 1;
    public bool AllMaterialized { get; set; }
}
