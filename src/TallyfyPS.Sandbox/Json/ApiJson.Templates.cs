using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>Templates (checklists) and their steps.</summary>
public sealed partial class ApiJson
{
    /// <summary>A template; its kick-off fields (<c>prerun</c>) are always inline.</summary>
    public JsonObject Template(Checklist c, ISet<string> with)
    {
        var o = new JsonObject
        {
            ["id"] = c.Id,
            ["title"] = c.Title,
            ["summary"] = c.Summary,
            ["type"] = c.Type,
            ["status"] = c.Status,
            ["starred"] = c.Starred,
            ["owner_id"] = c.OwnerId,
            ["created_by"] = c.CreatedBy,
            ["steps_count"] = c.Steps.Count,
            ["is_pinned"] = c.IsPinned,
            ["folder_id"] = c.Folder?.Id,
            ["created_at"] = Time(c.CreatedAt),
            ["last_updated"] = Time(c.LastUpdated),
            ["archived_at"] = Time(c.ArchivedAt),
            ["prerun"] = ArrayOf(c.KickoffFields.Select(k => Field(k, null, withValue: false))),
        };
        if (with.Contains("steps"))
        {
            o["steps"] = Wrap(ArrayOf(c.Steps.Select(s => Step(c, s))));
        }

        if (with.Contains("tags"))
        {
            o["tags"] = Wrap(ArrayOf(c.Tags.Select(TagOf)));
        }

        if (with.Contains("folder"))
        {
            o["folder"] = Wrap(c.Folder is null ? null : Folder(c.Folder));
        }

        if (c.CustomFields is not null)
        {
            o["custom_fields"] = c.CustomFields.DeepClone();
        }

        return o;
    }

    public JsonObject Step(Checklist c, Step s) => new JsonObject
    {
        ["id"] = s.Id,
        ["checklist_id"] = c.Id,
        ["position"] = s.Position,
        ["title"] = s.Title,
        ["alias"] = s.Alias,
        ["step_type"] = s.StepType,
        ["summary"] = s.Summary,
        ["assignees"] = new JsonArray(s.Assignees.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray()),
        ["guests"] = new JsonArray(s.Guests.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()),
        ["groups"] = new JsonArray(s.Groups.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()),
        ["captures"] = ArrayOf(s.Captures.Select(f => Field(f, null, withValue: false))),
    };
}
