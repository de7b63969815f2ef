using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>A step of a template; launching a run makes one task per step.</summary>
public sealed class Step
{
    /// <summary>Every step (and task) type of the contract.</summary>
    public static readonly string[] Types = { "task", "approval", "expiring", "email", "expiring_email" };

    /// <summary>The 32-hex timeline id: the key of the step in a launch's <c>tasks</c>.</summary>
    public required string Id { get; init; }
    public required int Position { get; init; }
    public required string Title { get; set; }
    public required string Alias { get; init; }
    public string StepType { get; init; } = "task";
    public string Summary { get; set; } = "";

    /// <summary>The members assigned to the step (<c>assignees</c>): each task launched from it gets them as owners.</summary>
    public List<int> Assignees { get; } = new List<int>();

    /// <summary>The guests assigned to the step (<c>guests</c>, emails).</summary>
    public List<string> Guests { get; } = new List<string>();

    /// <summary>The groups assigned to the step (<c>groups</c>, ids).</summary>
    public List<string> Groups { get; } = new List<string>();

    /// <summary>Whether anyone is assigned to the step (else a launch makes the launcher its owner).</summary>
    public bool HasAssignees => Assignees.Count > 0 || Guests.Count > 0 || Groups.Count > 0;

    /// <summary>The form fields each task of this step gets.</summary>
    public List<FieldDefinition> Captures { get; } = new List<FieldDefinition>();
}
