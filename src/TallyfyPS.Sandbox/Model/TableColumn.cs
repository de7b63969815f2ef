namespace TallyfyPS.Sandbox;

/// <summary>A column of a table field: <c>{"id","label"}</c>.</summary>
public sealed record TableColumn(string Id, string Label);
