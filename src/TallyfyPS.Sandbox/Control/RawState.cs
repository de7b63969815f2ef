using System.Linq;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>
/// What the sandbox really stored for a run or a task (<c>GET /_sandbox/state/...</c>), in camelCase and with none of
/// the API's filtering: tests check through it what a call changed, past the traps that hide it.
/// </summary>
internal static class RawState
{
    public static JsonObject? Run(SandboxRuntime rt, string id)
    {
        lock (rt.State.Gate)
        {
            foreach (var org in rt.State.Orgs.Values)
            {
                if (org.RunsById.TryGetValue(id, out var run))
                {
                    rt.State.EnsureTasks(org, run);
                    var prerun = new JsonObject();
                    foreach (var kv in run.Prerun)
                    {
                        prerun[kv.Key] = kv.Value?.DeepClone();
                    }

                    return new JsonObject
                    {
                        ["id"] = run.Id,
                        ["organizationId"] = org.Id,
                        ["checklistId"] = run.Checklist.Id,
                        ["name"] = run.Name,
                        ["summary"] = run.Summary,
                        ["status"] = run.Status,
                        ["ownerId"] = run.OwnerId,
                        ["startedBy"] = run.StartedBy,
                        ["starred"] = run.Starred,
                        ["isPublic"] = run.IsPublic,
                        ["users"] = ApiJson.Ints(run.Users),
                        ["groups"] = ApiJson.Strings(run.Groups),
                        ["folders"] = ApiJson.Strings(run.Folders.Select(f => f.Id)),
                        ["tags"] = ApiJson.ArrayOf(run.Tags.Select(l => (JsonNode)new JsonObject { ["associationId"] = l.Id, ["tagId"] = l.Tag.Id, ["title"] = l.Tag.Title })),
                        ["prerun"] = prerun,
                        ["customFields"] = run.CustomFields?.DeepClone(),
                        ["createdAt"] = ApiJson.Time(run.CreatedAt),
                        ["lastUpdated"] = ApiJson.Time(run.LastUpdated),
                        ["completedAt"] = ApiJson.Time(run.CompletedAt),
                        ["archivedAt"] = ApiJson.Time(run.ArchivedAt),
                        ["taskIds"] = ApiJson.Strings(run.Tasks!.Select(t => t.Id)),
                    };
                }
            }

            return null;
        }
    }

    public static JsonObject? Task(SandboxRuntime rt, string id)
    {
        lock (rt.State.Gate)
        {
            var task = Find(rt, id);
            if (task is null)
            {
                return null;
            }

            var taskdata = new JsonObject();
            foreach (var f in task.FormFields)
            {
                taskdata[f.Id] = f.Value?.DeepClone();
            }

            return new JsonObject
            {
                ["id"] = task.Id,
                ["runId"] = task.Run?.Id,
                ["title"] = task.Title,
                ["summary"] = task.Description,
                ["taskType"] = task.TaskType,
                ["status"] = task.Status,
                ["outcome"] = task.Outcome,
                ["completedAt"] = ApiJson.Time(task.CompletedAt),
                ["completerId"] = task.CompleterId,
                ["deadline"] = ApiJson.Time(task.Deadline),
                ["archivedAt"] = ApiJson.Time(task.ArchivedAt),
                ["owners"] = new JsonObject
                {
                    ["users"] = ApiJson.Ints(task.OwnerUsers),
                    ["guests"] = ApiJson.Strings(task.OwnerGuests),
                    ["groups"] = ApiJson.Strings(task.OwnerGroups),
                },
                ["taskdata"] = taskdata,
                ["customFields"] = task.CustomFields?.DeepClone(),
                ["notifications"] = task.Notifications,
                ["webhooks"] = task.Webhooks,
                ["threads"] = ApiJson.ArrayOf(task.Threads.Select(c => (JsonNode)new JsonObject
                {
                    ["id"] = c.Id,
                    ["content"] = c.Content,
                    ["label"] = c.Label,
                    ["state"] = c.State,
                    ["authorId"] = c.AuthorId,
                })),
            };
        }
    }

    /// <summary>The notifications and webhook calls a task caused: one of each per completion.</summary>
    public static JsonObject? Notifications(SandboxRuntime rt, string id)
    {
        lock (rt.State.Gate)
        {
            var task = Find(rt, id);
            return task is null ? null : new JsonObject { ["taskId"] = task.Id, ["notifications"] = task.Notifications, ["webhooks"] = task.Webhooks };
        }
    }

    private static TaskItem? Find(SandboxRuntime rt, string id)
    {
        foreach (var org in rt.State.Orgs.Values)
        {
            if (rt.State.FindTask(org, id) is { } task)
            {
                return task;
            }
        }

        return null;
    }
}
