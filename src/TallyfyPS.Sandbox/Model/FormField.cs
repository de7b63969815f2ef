using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>A form field of a task (API name capture) and its answer, stored as it was sent.</summary>
public sealed class FormField
{
    public required FieldDefinition Definition { get; init; }
    public JsonNode? Value { get; set; }

    public string Id => Definition.Id;
}
