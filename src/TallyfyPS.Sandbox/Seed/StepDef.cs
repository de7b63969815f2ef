namespace TallyfyPS.Sandbox;

/// <summary>A seeded step: its title and step type.</summary>
internal sealed record StepDef(string Title, string Type = "task");
