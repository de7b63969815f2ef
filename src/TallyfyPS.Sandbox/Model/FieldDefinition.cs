using System;
using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>A form field as a template defines it: a kick-off field (API name prerun) or a step's field (capture).</summary>
public sealed class FieldDefinition
{
    /// <summary>Every field type of the contract.</summary>
    public static readonly string[] Types = { "text", "textarea", "radio", "dropdown", "multiselect", "date", "email", "file", "table", "assignees_form" };

    /// <summary>The 32-hex timeline id: the key of the field's value at launch (<c>prerun</c>) and in <c>taskdata</c>.</summary>
    public required string Id { get; init; }
    public required string Alias { get; init; }
    public required string Label { get; init; }
    public required string FieldType { get; init; }
    public bool Required { get; init; }
    public int Position { get; init; }
    public string Guidance { get; init; } = "";
    public IReadOnlyList<FieldOption> Options { get; init; } = Array.Empty<FieldOption>();
    public IReadOnlyList<TableColumn> Columns { get; init; } = Array.Empty<TableColumn>();
}
