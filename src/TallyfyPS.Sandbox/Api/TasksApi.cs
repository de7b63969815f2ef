using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>Tasks: of a run, of the organization, one-off tasks (create, archive, restore, delete permanently). Updates are <see cref="TaskUpdatesApi"/>.</summary>
internal static class TasksApi
{

    public static void Map(ApiRoutes r)
    {
        r.Org("GET", "/runs/{run}/tasks", ListRunTasks);
        r.Org("GET", "/runs/{run}/tasks/{task}", GetRunTask);
        r.Org("GET", "/tasks", ListOrgTasks);
        r.Org("POST", "/tasks", CreateTask, body: true);
        r.Org("GET", "/tasks/{task}", GetTask);
        r.Org("DELETE", "/tasks/{task}", ArchiveTask);
        r.Org("PUT", "/tasks/{task}/restore", RestoreTask);
        r.Org("DELETE", "/tasks/{task}/delete", DeleteTask);
    }

    /// <summary>The task of the path (any task of the organization), or null.</summary>
    public static TaskItem? FindTask(ApiCall c) => c.State.FindTask(c.Org, c.Route("task"));

    private static ApiResult ListRunTasks(ApiCall c)
    {
        var run = RunsApi.ReadableRun(c);
        if (run is null)
        {
            return ApiResult.NotFound();
        }

        c.State.EnsureTasks(c.Org, run);
        var with = c.With();
        return Paging.Page(c, run.Tasks!, t => c.Json.Task(t, with));
    }

    private static ApiResult GetRunTask(ApiCall c)
    {
        var run = RunsApi.ReadableRun(c);
        if (run is null)
        {
            return ApiResult.NotFound();
        }

        c.State.EnsureTasks(c.Org, run);
        var task = run.Tasks!.FirstOrDefault(t => t.Id == c.Route("task"));
        return task is null ? ApiResult.NotFound() : ApiResult.Ok(ApiJson.Wrap(c.Json.Task(task, c.With())));
    }

    private static ApiResult ListOrgTasks(ApiCall c)
    {
        string? oneoffQ = c.Query("is_oneoff") ?? c.Query("is_oneoff_task");
        bool? oneoff = oneoffQ is null || oneoffQ.Length == 0 ? null : IsTrue(oneoffQ);
        string archived = (c.Query("archived") ?? "").ToLowerInvariant();
        var statuses = CsvSet(c.Query("status"));
        if (statuses.Contains("complete"))
        {
            statuses.Add("completed");
        }

        bool onlyArchived = archived == "only" || statuses.Contains("archived");
        bool includeArchived = onlyArchived || archived is "true" or "1" or "with" or "include";
        statuses.Remove("archived");
        string? q = c.Query("q");
        var owners = CsvSet(c.Query("owners"));
        string? runId = c.Query("run_id");

        if (oneoff != true)
        {
            c.State.EnsureAllTasks(c.Org);
        }

        bool Match(TaskItem t)
        {
            if (oneoff is not null && t.IsOneOff != oneoff.Value) { return false; }
            if (t.ArchivedAt is not null ? !includeArchived : onlyArchived) { return false; }
            if (statuses.Count > 0 && !statuses.Contains(t.Status)) { return false; }
            if (!string.IsNullOrEmpty(q) && t.Title.IndexOf(q, StringComparison.OrdinalIgnoreCase) < 0) { return false; }
            if (owners.Count > 0 && !t.OwnerUsers.Any(u => owners.Contains(u.ToString(CultureInfo.InvariantCulture)))) { return false; }
            if (!string.IsNullOrEmpty(runId) && t.Run?.Id != runId) { return false; }
            return true;
        }

        IEnumerable<TaskItem> All()
        {
            foreach (var t in c.Org.OneOffTasks)
            {
                yield return t;
            }

            if (oneoff == true)
            {
                yield break;
            }

            foreach (var r in c.Org.Runs)
            {
                foreach (var t in r.Tasks!)
                {
                    yield return t;
                }
            }
        }

        var with = c.With();
        return Paging.Page(c, All().Where(Match), t => c.Json.Task(t, with));
    }

    private static ApiResult GetTask(ApiCall c)
    {
        var task = FindTask(c);
        if (task is null || (task.Run?.ArchivedAt is not null && c.Switches.ArchivedRunGet == "404"))
        {
            return ApiResult.NotFound();
        }

        return ApiResult.Ok(ApiJson.Wrap(c.Json.Task(task, c.With())));
    }

    private const string TaskOfRun = "This task belongs to a process. Archive or delete the process instead.";

    private static ApiResult CreateTask(ApiCall c)
    {
        if (c.LightDenied("create tasks") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? title = Str(body["title"]) ?? Str(body["name"]);
        if (string.IsNullOrWhiteSpace(title))
        {
            errors["title"] = "The title field is required.";
        }

        string taskType = Str(body["task_type"]) ?? "task";
        if (!Step.Types.Contains(taskType))
        {
            errors["task_type"] = "The selected task type is invalid.";
        }

        DateTime? deadline = null;
        string? dl = Str(body["deadline"]);
        if (!string.IsNullOrEmpty(dl))
        {
            if (Deadlines.TryRead(c, dl, out var d, out string why))
            {
                deadline = d;
            }
            else
            {
                errors["deadline"] = why;
            }
        }

        var users = new List<int>();
        var guests = new List<string>();
        var groups = new List<string>();
        if (body["owners"] is JsonObject owners)
        {
            if (owners["users"] is JsonArray ua)
            {
                foreach (var u in ua)
                {
                    if (u is JsonValue v && (v.TryGetValue(out int id) || (v.TryGetValue(out string? s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out id))))
                    {
                        var user = c.State.UserById(id);
                        if (user is null || user.OrganizationId != c.Org.Id)
                        {
                            errors["owners.users"] = "The selected owners.users is invalid.";
                        }
                        else
                        {
                            users.Add(id);
                        }
                    }
                    else
                    {
                        errors["owners.users"] = "The owners.users must be an array of user ids.";
                    }
                }
            }

            if (owners["guests"] is JsonArray ga)
            {
                guests.AddRange(ga.Select(Str).Where(x => x is not null)!);
            }

            if (owners["groups"] is JsonArray gra)
            {
                groups.AddRange(gra.Select(Str).Where(x => x is not null)!);
            }
        }

        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        if (users.Count == 0 && guests.Count == 0 && groups.Count == 0)
        {
            users.Add(c.User.Id);
        }

        if (Owners.GuestInvitesReached(c, guests) is { } tooMany)
        {
            return tooMany;
        }

        DateTime now = SandboxClock.Now();
        Owners.AdmitGuests(c.Org, guests, now);
        var task = new TaskItem
        {
            Id = c.State.NewId(),
            IncrementId = 1_000_000 + c.Org.NextTaskIncrement++,
            Title = title!.Trim(),
            Alias = SandboxState.Slug(title),
            Description = Str(body["description"]) ?? Str(body["summary"]) ?? "",
            Status = "active",
            TaskType = taskType,
            Position = 0,
            Deadline = deadline,
            StartedAt = now,
            CreatedAt = now,
            LastUpdated = now,
        };
        task.OwnerUsers.AddRange(users);
        task.OwnerGuests.AddRange(guests);
        task.OwnerGroups.AddRange(groups);
        c.Org.OneOffTasks.Insert(0, task);
        c.Org.TasksById[task.Id] = task;
        c.Record("created", "task", task.Id, $"created the task '{task.Title}'");
        return new ApiResult(201, ApiJson.Wrap(c.Json.Task(task, c.With())));
    }

    /// <summary>
    /// The one-off task a change is about, or the refusal to send: the caller's role (light members, or
    /// anyone but an admin for <paramref name="adminOnly"/>), an unknown id, or a task that belongs to a run.
    /// </summary>
    private static TaskItem? OneOffTaskFor(ApiCall c, string action, bool adminOnly, out ApiResult refusal)
    {
        refusal = null!;
        if (adminOnly && c.User.Role != Role.Admin)
        {
            refusal = ApiResult.Forbidden($"Only administrators can {action}.");
            return null;
        }

        if (c.LightDenied(action) is { } denied)
        {
            refusal = ApiResult.Forbidden(denied);
            return null;
        }

        var task = FindTask(c);
        if (task is null)
        {
            refusal = ApiResult.NotFound();
            return null;
        }

        if (!task.IsOneOff)
        {
            refusal = ApiResult.Forbidden(TaskOfRun);
            return null;
        }

        return task;
    }

    private static ApiResult ArchiveTask(ApiCall c)
    {
        if (OneOffTaskFor(c, "archive tasks", adminOnly: false, out ApiResult refusal) is not { } task)
        {
            return refusal;
        }

        if (task.OwnArchivedAt is not null)
        {
            return c.Switches.Rearchive == "404" ? ApiResult.NotFound() : ApiResult.NoContent(204);
        }

        task.OwnArchivedAt = SandboxClock.Now();
        task.LastUpdated = task.OwnArchivedAt.Value;
        c.Record("archived", "task", task.Id, $"archived the task '{task.Title}'");
        return ApiResult.NoContent(204);
    }

    private static ApiResult RestoreTask(ApiCall c)
    {
        if (OneOffTaskFor(c, "restore tasks", adminOnly: false, out ApiResult refusal) is not { } task)
        {
            return refusal;
        }

        if (task.OwnArchivedAt is not null)
        {
            task.OwnArchivedAt = null;
            task.LastUpdated = SandboxClock.Now();
            c.Record("unarchived", "task", task.Id, $"restored the task '{task.Title}'");
        }

        return ApiResult.Ok(ApiJson.Wrap(c.Json.Task(task, c.With())));
    }

    private static ApiResult DeleteTask(ApiCall c)
    {
        if (OneOffTaskFor(c, "permanently delete tasks", adminOnly: true, out ApiResult refusal) is not { } task)
        {
            return refusal;
        }

        if (task.OwnArchivedAt is null)
        {
            return c.Switches.DeleteNotArchived == "404"
                ? ApiResult.NotFound()
                : ApiResult.Invalid("task_id", "The task must be archived before it can be deleted permanently.");
        }

        c.Org.OneOffTasks.Remove(task);
        c.Org.TasksById.Remove(task.Id);
        task.Threads.Clear();
        task.FormFields.Clear();
        foreach (var e in c.Org.Activity.Where(e => e.AuditableId == task.Id))
        {
            e.SubjectDeleted = true;
        }

        c.Record("deleted", "task", task.Id, $"deleted the task '{task.Title}' permanently");
        return ApiResult.NoContent(204);
    }
}
