using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>Tasks, their comments and form fields.</summary>
public sealed partial class ApiJson
{
    public static string StatusLabel(string status) => status switch
    {
        "not-started" => "Not started",
        "active" => "Active",
        "in-progress" => "In progress",
        "completed" => "Completed",
        "auto-skipped" => "Auto-skipped",
        _ => status,
    };

    /// <summary>A thread id as the switch says: a JSON string of the integer, or the integer.</summary>
    public JsonNode ThreadId(long id) => _switches.ThreadIdType == "integer" ? JsonValue.Create(id) : JsonValue.Create(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public JsonObject Thread(Comment c) => new JsonObject
    {
        ["id"] = ThreadId(c.Id),
        ["content"] = c.Content,
        ["label"] = c.Label,
        ["state"] = c.State,
        ["author_id"] = c.AuthorId,
        ["created_at"] = Time(c.CreatedAt),
        ["updated_at"] = Time(c.UpdatedAt ?? c.CreatedAt),
        ["resolve_id"] = c.ResolveId is long r ? ThreadId(r) : null,
    };

    public JsonObject Task(TaskItem t, ISet<string> with)
    {
        var o = new JsonObject
        {
            ["id"] = t.Id,
            ["increment_id"] = t.IncrementId,
            ["title"] = t.Title,
            ["alias"] = t.Alias,
            ["summary"] = t.Description,
            ["run_id"] = t.Run?.Id,
            ["checklist_id"] = t.Run?.Checklist.Id,
            ["step_id"] = t.StepId,
            ["status"] = t.Status,
            ["status_label"] = StatusLabel(t.Status),
            ["task_type"] = t.TaskType,
            ["position"] = t.Position,
            ["is_oneoff_task"] = t.IsOneOff,
            ["owners"] = new JsonObject
            {
                ["users"] = Ints(t.OwnerUsers),
                ["guests"] = Strings(t.OwnerGuests),
                ["groups"] = Strings(t.OwnerGroups),
            },
            ["deadline"] = Time(t.Deadline),
            ["started_at"] = Time(t.StartedAt),
            ["created_at"] = Time(t.CreatedAt),
            ["last_updated"] = Time(t.LastUpdated),
            ["completed_at"] = Time(t.CompletedAt),
            ["archived_at"] = Time(t.ArchivedAt),
            ["completer_id"] = t.CompleterId,
        };

        if (t.CustomFields is not null)
        {
            o["custom_fields"] = t.CustomFields.DeepClone();
        }

        if (t.IsOneOff && _switches.OneOffArchiveMarker == "deleted_at")
        {
            // Tallyfy's pages show a one-off task's archive marker as deleted_at too.
            o.Remove("archived_at");
            o["deleted_at"] = Time(t.ArchivedAt);
        }

        if (with.Contains("threads"))
        {
            // Archiving a run soft-deletes its tasks' comments; reactivating brings them back.
            o["threads"] = Wrap(ArrayOf(t.Run?.ArchivedAt is null ? t.Threads.Select(Thread) : Enumerable.Empty<JsonNode>()));
        }

        if (with.Contains("form_fields"))
        {
            o["form_fields"] = Wrap(ArrayOf(t.FormFields.Select(f => Field(f.Definition, f.Value, withValue: true))));
        }

        if (with.Contains("run"))
        {
            o["run"] = Wrap(t.Run is null ? null : Run(t.Run, NoRelations));
        }

        if (with.Contains("tags"))
        {
            o["tags"] = Wrap(ArrayOf((t.Run?.Tags ?? new List<TagLink>()).Select(TagOf)));
        }

        return o;
    }

    /// <summary>The answer of a completion: the task's completion fields.</summary>
    public static JsonObject Completion(TaskItem t) => new JsonObject
    {
        ["id"] = t.Id,
        ["status"] = t.Status,
        ["completed_at"] = Time(t.CompletedAt),
        ["completer_id"] = t.CompleterId,
    };
}
