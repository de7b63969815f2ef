using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>A task: of a run, or a one-off task.</summary>
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
    private DateTime? _deadline;

    /// <summary>The deadline, kept to the second (the form Tallyfy takes deadlines in: <c>YYYY-MM-DDTHH:MM:SSZ</c>).</summary>
    public DateTime? Deadline
    {
        get => _deadline;
        set => _deadline = value is DateTime d ? new DateTime(d.Ticks - (d.Ticks % TimeSpan.TicksPerSecond), d.Kind) : null;
    }
    public DateTime? StartedAt { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastUpdated { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? OwnArchivedAt { get; set; }
    public int? CompleterId { get; set; }

    /// <summary>How the last completion ended: <c>completed</c>, <c>approved</c>, <c>rejected</c> or <c>expired</c>; null while open.</summary>
    public string? Outcome { get; set; }

    /// <summary>Notifications sent for this task (one per completion, repeated completions included).</summary>
    public int Notifications { get; set; }

    /// <summary>Webhook calls made for this task (one per completion, repeated completions included).</summary>
    public int Webhooks { get; set; }

    public List<Comment> Threads { get; } = new List<Comment>();
    public List<FormField> FormFields { get; } = new List<FormField>();

    public bool IsOneOff => Run is null;

    /// <summary>Tallyfy's <c>custom_fields</c> (key -> value); null when it has none (the key is left out).</summary>
    public JsonObject? CustomFields { get; set; }

    /// <summary>Archived on its own (one-off) or through its run (cascade).</summary>
    public DateTime? ArchivedAt => OwnArchivedAt ?? Run?.ArchivedAt;
}
