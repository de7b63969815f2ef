using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>Activity feed entries.</summary>
public sealed partial class ApiJson
{
    /// <summary>An entry; <c>verb</c>, <c>actor_id</c> and <c>description</c> come as one-element arrays unless the switch says plain.</summary>
    public JsonObject Activity(ActivityEntry e)
    {
        JsonNode? Shaped(JsonNode? v) => _switches.ActivityFieldsAsArrays ? new JsonArray(v) : v;
        return new JsonObject
        {
            ["id"] = e.Id,
            ["verb"] = Shaped(e.Verb),
            ["actor_type"] = e.ActorType,
            ["actor_id"] = Shaped(e.ActorId is int a ? JsonValue.Create(a) : null),
            ["auditable_type"] = e.AuditableType,
            ["auditable_id"] = e.AuditableId,
            ["description"] = Shaped(e.Description),
            ["field"] = e.Field,
            ["old_value"] = e.OldValue,
            ["text"] = e.Text,
            ["created_at"] = Time(e.CreatedAt),
        };
    }
}
