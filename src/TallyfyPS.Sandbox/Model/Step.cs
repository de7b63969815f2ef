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
    public required string Title { get; init; }
    public required string Alias { get; init; }
    public string StepType { get; init; } = "task";
    public string Summary { get; init; } = "";

    /// <summary>The form fields each task of this step gets.</summary>
    public List<FieldDefinition> Captures { get; } = new List<FieldDefinition>();
}
