namespace TallyfyPS.Sandbox;

/// <summary>A seeded form field: options for radio/dropdown/multiselect, columns for a table.</summary>
internal sealed record FieldDef(string Label, string Type, bool Required = false, string[]? Options = null, string[]? Columns = null, string Guidance = "");
