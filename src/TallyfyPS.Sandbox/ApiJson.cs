using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>Builds the Tallyfy JSON shapes (snake_case, nulls written).</summary>
public sealed class ApiJson
{
    private readonly SandboxState _state;
    private readonly Organization _org;
    private readonly SwitchSettings _switches;

    public ApiJson(SandboxState state, Organization org, SwitchSettings switches)
    {
        _state = state;
        _org = org;
        _switches = switches;
    }

    public static JsonNode? Time(DateTime? t) => t is null ? null : JsonValue.Create(SandboxState.Iso(t.Value));

    public static JsonArray Ints(IEnumerable<int> xs)
    {
        var a = new JsonArray();
        foreach (int x in xs)
        {
            a.Add(x);
        }

        return a;
    }

    public static JsonArray Strings(IEnumerable<string> xs)
    {
        var a = new JsonArray();
        foreach (string x in xs)
        {
            a.Add(x);
        }

        return a;
    }

    public static JsonObject Wrap(JsonNode? data) => new JsonObject { ["data"] = data };

    public static JsonNode? FromObject(object? v) => v switch
    {
        null => null,
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        JsonNode n => n.DeepClone(),
        _ => JsonValue.Create(v.ToString()),
    };

    public JsonObject Run(Run run, ISet<string> with)
    {
        int total = run.Tasks?.Count ?? run.TaskTotal;
        int complete = run.Tasks?.Count(t => t.Status == "completed") ?? run.TaskComplete;
        int percent = total == 0 ? 0 : (int)Math.Round(100.0 * complete / total);
        JsonNode progress = _switches.ProgressAsInt
            ? JsonValue.Create(percent)
            : new JsonObject { ["complete"] = complete, ["total"] = total, ["percent"] = percent };
        var prerun = new JsonObject();
        foreach (var kv in run.Prerun)
        {
            prerun[kv.Key] = FromObject(kv.Value);
        }

        var o = new JsonObject
        {
            ["id"] = run.Id,
            ["increment_id"] = run.IncrementId,
            ["checklist_id"] = run.Checklist.Id,
            ["checklist_title"] = run.Checklist.Title,
            ["name"] = run.Name,
            ["summary"] = run.Summary,
            ["status"] = run.Status,
            ["progress"] = progress,
            ["started_by"] = run.StartedBy,
            ["owner_id"] = run.OwnerId,
            ["prerun"] = prerun,
            ["starred"] = run.Starred,
            ["is_public"] = run.IsPublic,
            ["type"] = run.Type,
            ["parent_id"] = run.ParentId,
            ["created_at"] = Time(run.CreatedAt),
            ["started_at"] = Time(run.StartedAt),
            ["last_updated"] = Time(run.LastUpdated),
            ["completed_at"] = Time(run.CompletedAt),
            ["archived_at"] = Time(run.ArchivedAt),
            ["due_date"] = Time(run.DueDate),
            ["due_date_passed"] = run.Status == "delayed" || (run.Status != "complete" && run.DueDate < SandboxState.BaseTime),
            ["late_tasks"] = run.LateTasks,
            ["users"] = Ints(run.Users),
            ["groups"] = new JsonArray(),
        };

        if (with.Contains("checklist"))
        {
            o["checklist"] = Wrap(Checklist(run.Checklist));
        }

        bool needTasks = with.Contains("tasks") || with.Contains("tasks.threads") || with.Contains("tasks.form_fields")
            || with.Contains("form_fields") || with.Contains("next_task") || with.Contains("tasks_meta");
        if (needTasks)
        {
            _state.EnsureTasks(_org, run);
        }

        if (with.Contains("tasks") || with.Contains("tasks.threads") || with.Contains("tasks.form_fields"))
        {
            var taskWith = new HashSet<string>(StringComparer.Ordinal);
            if (with.Contains("tasks.threads")) { taskWith.Add("threads"); }
            if (with.Contains("tasks.form_fields")) { taskWith.Add("form_fields"); }
            var arr = new JsonArray();
            foreach (var t in run.Tasks!)
            {
                arr.Add(Task(t, taskWith));
            }

            o["tasks"] = Wrap(arr);
        }

        if (with.Contains("tags"))
        {
            var arr = new JsonArray();
            foreach (var tg in run.Tags)
            {
                arr.Add(new JsonObject { ["id"] = tg.Id, ["title"] = tg.Title, ["color"] = tg.Color });
            }

            o["tags"] = Wrap(arr);
        }

        if (with.Contains("form_fields"))
        {
            var arr = new JsonArray();
            foreach (var t in run.Tasks!)
            {
                foreach (var f in t.FormFields)
                {
                    var fo = FormField(f);
                    fo["task_id"] = t.Id;
                    arr.Add(fo);
                }
            }

            o["form_fields"] = Wrap(arr);
        }

        if (with.Contains("ko_form_fields"))
        {
            var arr = new JsonArray();
            foreach (var k in run.Checklist.KickoffFields)
            {
                arr.Add(new JsonObject
                {
                    ["id"] = k.Id,
                    ["alias"] = k.Alias,
                    ["label"] = k.Label,
                    ["field_type"] = k.FieldType,
                    ["required"] = k.Required,
                    ["options"] = Strings(k.Options),
                    [_switches.FormFieldValueKey] = run.Prerun.TryGetValue(k.Alias, out var v) ? FromObject(v) : null,
                });
            }

            o["ko_form_fields"] = Wrap(arr);
        }

        if (with.Contains("next_task"))
        {
            var next = run.Tasks!.FirstOrDefault(t => t.Status != "completed" && t.Status != "auto-skipped");
            o["next_task"] = Wrap(next is null ? null : Task(next, new HashSet<string>()));
        }

        if (with.Contains("tasks_meta"))
        {
            var tasks = run.Tasks!;
            o["tasks_meta"] = Wrap(new JsonObject
            {
                ["total"] = tasks.Count,
                ["completed"] = tasks.Count(t => t.Status == "completed"),
                ["late"] = run.LateTasks,
            });
        }

        if (with.Contains("stages")) { o["stages"] = Wrap(new JsonArray()); }
        if (with.Contains("folders")) { o["folders"] = Wrap(new JsonArray()); }
        if (with.Contains("assets")) { o["assets"] = Wrap(new JsonArray()); }
        if (with.Contains("permissions"))
        {
            o["permissions"] = Wrap(new JsonObject { ["can_edit"] = true, ["can_archive"] = true, ["can_delete"] = true });
        }

        return o;
    }

    public JsonObject Checklist(Checklist c) => new JsonObject
    {
        ["id"] = c.Id,
        ["title"] = c.Title,
        ["summary"] = c.Summary,
        ["type"] = c.Type,
        ["status"] = "active",
        ["steps_count"] = c.Steps.Length,
        ["created_at"] = Time(c.CreatedAt),
        ["last_updated"] = Time(c.CreatedAt.AddDays(3)),
        ["archived_at"] = null,
    };

    public JsonObject FormField(FormField f) => new JsonObject
    {
        ["id"] = f.Id,
        ["label"] = f.Label,
        ["field_type"] = f.FieldType,
        ["required"] = f.Required,
        ["options"] = Strings(f.Options),
        [_switches.FormFieldValueKey] = FromObject(f.Value),
    };

    public static JsonObject Thread(Comment c) => new JsonObject
    {
        ["id"] = c.Id,
        ["content"] = c.Content,
        ["label"] = c.Label,
        ["author_id"] = c.AuthorId,
        ["created_at"] = Time(c.CreatedAt),
    };

    public static string StatusLabel(string status) => status switch
    {
        "not-started" => "Not started",
        "active" => "Active",
        "in-progress" => "In progress",
        "completed" => "Completed",
        "auto-skipped" => "Auto-skipped",
        _ => status,
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

        if (with.Contains("threads"))
        {
            var arr = new JsonArray();
            if (t.Run?.ArchivedAt is null)
            {
                foreach (var c in t.Threads)
                {
                    arr.Add(Thread(c));
                }
            }

            o["threads"] = Wrap(arr);
        }

        if (with.Contains("form_fields"))
        {
            var arr = new JsonArray();
            foreach (var f in t.FormFields)
            {
                arr.Add(FormField(f));
            }

            o["form_fields"] = Wrap(arr);
        }

        if (with.Contains("run"))
        {
            o["run"] = Wrap(t.Run is null ? null : Run(t.Run, new HashSet<string>()));
        }

        if (with.Contains("tags"))
        {
            var arr = new JsonArray();
            foreach (var tg in t.Run?.Tags ?? new List<Tag>())
            {
                arr.Add(new JsonObject { ["id"] = tg.Id, ["title"] = tg.Title, ["color"] = tg.Color });
            }

            o["tags"] = Wrap(arr);
        }

        return o;
    }

    public static JsonObject Me(User u) => new JsonObject
    {
        ["id"] = u.Id,
        ["email"] = u.Email,
        ["username"] = u.Username,
        ["first_name"] = u.FirstName,
        ["last_name"] = u.LastName,
        ["full_name"] = u.FirstName + " " + u.LastName,
        ["timezone"] = u.Timezone,
    };
}
