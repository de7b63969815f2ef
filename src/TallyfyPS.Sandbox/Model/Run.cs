using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>A process (API name run).</summary>
public sealed class Run
{
    private Dictionary<string, JsonNode?>? _prerun;

    public required string Id { get; init; }

    /// <summary>The generation index of a seeded run (its tasks and kick-off values come from it); -1 for launched runs.</summary>
    public required int Index { get; init; }
    public int IncrementId { get; init; }
    public required Checklist Checklist { get; init; }
    public required string Name { get; set; }
    public string Summary { get; set; } = "";
    public required string Status { get; set; }
    public int TaskTotal { get; set; }
    public int TaskComplete { get; set; }
    public int StartedBy { get; init; }
    public int OwnerId { get; set; }
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
    public List<TagLink> Tags { get; } = new List<TagLink>();
    public List<Folder> Folders { get; } = new List<Folder>();
    public List<int> Users { get; } = new List<int>();

    /// <summary>Group ids assigned to the run.</summary>
    public List<string> Groups { get; } = new List<string>();

    /// <summary>What a seeded run's kick-off values are made from (cheap until read); null for launched runs.</summary>
    public SeededKickoff? SeededKickoff { get; init; }

    /// <summary>Kick-off values as stored, keyed by kick-off field timeline id (a seeded run's are made on first read).</summary>
    public Dictionary<string, JsonNode?> Prerun => _prerun ??= SeededRunDetails.SeededPrerun(this);

    public List<TaskItem>? Tasks { get; set; } // null until materialized

    /// <summary>Process-level threads (comments, problems, resolutions on the run itself).</summary>
    public List<Comment> Threads { get; } = new List<Comment>();

    /// <summary>An open problem on the run or on one of its tasks: the run is locked (its tasks answer 422).</summary>
    public bool HasOpenIssue => Threads.Any(t => t.IsOpenProblem) || (Tasks?.Any(t => t.Threads.Any(th => th.IsOpenProblem)) ?? false);

    /// <summary>The status the API shows: <c>issue</c> while an issue is open, else the stored status.</summary>
    public string ShownStatus => HasOpenIssue ? "issue" : Status;

    /// <summary>The 422 message of a change to a task of a locked run.</summary>
    public const string LockedMessage = "This process has an open issue. Resolve it before changing its tasks.";

    /// <summary>Tallyfy's <c>custom_fields</c> (key -> value); null when it has none (the key is left out).</summary>
    public JsonObject? CustomFields { get; set; }
}
