namespace TallyfyPS.Sandbox;

/// <summary>An option of a radio, dropdown or multiselect field: <c>{"id":int,"text":...}</c>.</summary>
public sealed record FieldOption(int Id, string Text);
