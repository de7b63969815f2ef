using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>Runs, their tags and folders.</summary>
public sealed partial class ApiJson
{
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
            prerun[kv.Key] = Copy(kv.Value);
        }

        var o = new JsonObject
        {
            ["id"] = run.Id,
            ["increment_id"] = run.IncrementId,
            ["checklist_id"] = run.Checklist.Id,
            ["checklist_title"] = run.Checklist.Title,
            ["name"] = run.Name,
            ["summary"] = run.Summary,
            ["status"] = run.ShownStatus,
            ["has_open_issue"] = run.HasOpenIssue,
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
            ["groups"] = Strings(run.Groups),
        };

        if (run.CustomFields is not null)
        {
            o["custom_fields"] = run.CustomFields.DeepClone();
        }

        if (with.Contains("checklist"))
        {
            o["checklist"] = Wrap(Template(run.Checklist, NoRelations));
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
            o["tasks"] = Wrap(ArrayOf(run.Tasks!.Select(t => Task(t, taskWith))));
        }

        if (with.Contains("threads"))
        {
            o["threads"] = Wrap(ArrayOf(run.ArchivedAt is null ? run.Threads.Select(Thread) : Enumerable.Empty<JsonNode>()));
        }

        if (with.Contains("tags"))
        {
            o["tags"] = Wrap(ArrayOf(run.Tags.Select(TagOf)));
        }

        if (with.Contains("form_fields"))
        {
            var arr = new JsonArray();
            foreach (var t in run.Tasks!)
            {
                foreach (var f in t.FormFields)
                {
                    var fo = Field(f.Definition, f.Value, withValue: true);
                    fo["task_id"] = t.Id;
                    arr.Add(fo);
                }
            }

            o["form_fields"] = Wrap(arr);
        }

        if (with.Contains("ko_form_fields"))
        {
            o["ko_form_fields"] = Wrap(ArrayOf(run.Checklist.KickoffFields.Select(k => Field(k, run.Prerun.GetValueOrDefault(k.Id), withValue: true))));
        }

        if (with.Contains("next_task"))
        {
            var next = run.Tasks!.FirstOrDefault(t => t.Status != "completed" && t.Status != "auto-skipped");
            o["next_task"] = Wrap(next is null ? null : Task(next, NoRelations));
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
        if (with.Contains("folders")) { o["folders"] = Wrap(ArrayOf(run.Folders.Select(f => RunFolder(run, f)))); }
        if (with.Contains("assets")) { o["assets"] = Wrap(new JsonArray()); }
        if (with.Contains("permissions"))
        {
            o["permissions"] = Wrap(new JsonObject { ["can_edit"] = true, ["can_archive"] = true, ["can_delete"] = true });
        }

        return o;
    }

    public static JsonObject Tag(Tag t) => new JsonObject
    {
        ["id"] = t.Id,
        ["title"] = t.Title,
        ["color"] = t.Color,
        ["auto_generated"] = t.AutoGenerated,
        ["created_at"] = Time(t.CreatedAt),
    };

    /// <summary>
    /// A tag on a run, task or template, in the shape of switch <c>runTagEntries</c>: the tag with the association's id
    /// alongside (<c>tag-with-association-id</c>), the tag itself and nothing else (<c>tag</c>: the association id is
    /// not on the read), or the association (<c>association</c>: <c>id</c> = the association's, <c>tag_id</c> = the tag's,
    /// with <c>title</c> and <c>color</c>).
    /// </summary>
    public JsonObject TagOf(TagLink link)
    {
        switch (_switches.RunTagEntries)
        {
            case "tag":
                return Tag(link.Tag);
            case "association":
                return new JsonObject
                {
                    ["id"] = link.Id,
                    ["tag_id"] = link.Tag.Id,
                    ["title"] = link.Tag.Title,
                    ["color"] = link.Tag.Color,
                    ["subject_id"] = link.SubjectId,
                    ["subject_type"] = link.SubjectType,
                    ["created_at"] = Time(link.CreatedAt),
                };
            default:
                var o = Tag(link.Tag);
                o["association_id"] = link.Id;
                return o;
        }
    }

    /// <summary>The association itself (the answer of tagging).</summary>
    public static JsonObject Association(TagLink link) => new JsonObject
    {
        ["id"] = link.Id,
        ["tag_id"] = link.Tag.Id,
        ["subject_id"] = link.SubjectId,
        ["subject_type"] = link.SubjectType,
        ["created_at"] = Time(link.CreatedAt),
        ["tag"] = Wrap(Tag(link.Tag)),
    };

    /// <summary>A folder of a run, as <c>with=folders</c> lists it: with its <c>folder_object_id</c> unless switch <c>runFolderEntries</c> is <c>folder</c>.</summary>
    public JsonObject RunFolder(Run run, Folder f)
    {
        var o = Folder(f);
        if (_switches.RunFolderEntries == "folder-object-id")
        {
            o["folder_object_id"] = FolderObjectId(run, f);
        }

        return o;
    }

    /// <summary>The id of a run's membership of a folder (the same each time the run is put in it).</summary>
    public static string FolderObjectId(Run run, Folder f) => StableId.Of(run.Id + "/folder/" + f.Id);

    /// <summary>A folder-object: a run's membership of a folder, as <c>POST /folders/add-object</c> answers it.</summary>
    public static JsonObject FolderObject(Run run, Folder f) => new JsonObject
    {
        ["id"] = FolderObjectId(run, f),
        ["folder_id"] = f.Id,
        ["subject_id"] = run.Id,
        ["subject_type"] = "Run",
        ["folder"] = Wrap(Folder(f)),
    };

    public static JsonObject Folder(Folder f) => new JsonObject
    {
        ["id"] = f.Id,
        ["name"] = f.Name,
        ["folder_type"] = f.FolderType,
        ["parent_id"] = f.ParentId,
        ["created_at"] = Time(f.CreatedAt),
    };
}
