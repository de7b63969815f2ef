using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>Updating tasks: of a run (<c>PUT /runs/{run}/tasks/{task}</c>) and one-off (<c>PUT /tasks/{task}</c>), form-field answers included.</summary>
internal static class TaskUpdatesApi
{
    public static void Map(ApiRoutes r)
    {
        r.Org("PUT", "/runs/{run}/tasks/{task}", UpdateRunTask, body: true);
        r.Org("PUT", "/tasks/{task}", UpdateOneOffTask, body: true);
    }

    /// <summary>
    /// PUT /runs/{run}/tasks/{task}: <c>title</c>, <c>summary</c>, <c>deadline</c>, <c>owners</c>, <c>taskdata</c>.
    /// <c>owners</c> replaces all three buckets (a missing bucket is emptied) and <c>taskdata</c> keys that are no
    /// form field of the task are dropped: the two traps of this call.
    /// </summary>
    private static ApiResult UpdateRunTask(ApiCall c)
    {
        if (c.LightDenied("edit tasks") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var run = RunsApi.FindRun(c);
        if (run is null)
        {
            return ApiResult.NotFound();
        }

        c.State.EnsureTasks(c.Org, run);
        var task = run.Tasks!.FirstOrDefault(t => t.Id == c.Route("task"));
        if (task is null)
        {
            return ApiResult.NotFound();
        }

        if (run.ArchivedAt is not null)
        {
            return ApiResult.Forbidden("This process is archived. Reactivate it before editing its tasks.");
        }

        if (run.HasOpenIssue)
        {
            return CompletionApi.Locked();
        }

        return Update(c, task, oneOff: false);
    }

    /// <summary>PUT /tasks/{task} of a one-off task: <c>title</c>, <c>deadline</c> and <c>owners</c> are required on every call.</summary>
    private static ApiResult UpdateOneOffTask(ApiCall c)
    {
        if (c.LightDenied("edit tasks") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var task = TasksApi.FindTask(c);
        if (task is null)
        {
            return ApiResult.NotFound();
        }

        if (!task.IsOneOff)
        {
            return ApiResult.Forbidden("This task belongs to a process. Update it through the process (PUT /runs/{run_id}/tasks/{task_id}).");
        }

        if (task.ArchivedAt is not null)
        {
            return ApiResult.Forbidden("This task is archived. Restore it before editing it.");
        }

        return Update(c, task, oneOff: true);
    }

    private static ApiResult Update(ApiCall c, TaskItem task, bool oneOff)
    {
        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        if (task.Status == "completed")
        {
            return ApiResult.Invalid("task", "A completed task cannot be edited. Reopen it first.");
        }

        if (oneOff)
        {
            foreach (string required in new[] { "title", "deadline", "owners" })
            {
                if (!body.ContainsKey(required) || body[required] is null)
                {
                    errors[required] = $"The {required} field is required.";
                }
            }
        }

        string? title = null;
        if (body.ContainsKey("title") && body["title"] is not null)
        {
            title = Str(body["title"])?.Trim();
            if (string.IsNullOrEmpty(title))
            {
                errors["title"] = "The title field is required.";
            }
            else if (title.Length > 600)
            {
                errors["title"] = "The title may not be greater than 600 characters.";
            }
        }

        DateTime? deadline = null;
        if (body["deadline"] is JsonNode dn)
        {
            if (Deadlines.TryRead(c, Str(dn), out var d, out string why))
            {
                deadline = d;
            }
            else
            {
                errors["deadline"] = why;
            }
        }

        Owners? owners = null;
        if (body["owners"] is JsonNode on)
        {
            if (on is JsonObject oo)
            {
                owners = Owners.Read(oo, c.Org, "owners", errors);
            }
            else
            {
                errors["owners"] = "The owners must be an object with users, guests and groups.";
            }
        }

        var taskdata = ReadTaskData(c, task, body["taskdata"], errors);
        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        if (owners is not null && Owners.GuestInvitesReached(c, owners.Guests) is { } tooMany)
        {
            return tooMany;
        }

        string? runId = task.Run?.Id;
        void Change(string field, string? old, string? now)
        {
            if (old != now)
            {
                c.Record("updated", "task", task.Id, $"updated the task '{task.Title}'", field, old, now, runId);
            }
        }

        if (title is not null)
        {
            Change("title", task.Title, title);
            task.Title = title;
        }

        if (Str(body["summary"]) is string summary)
        {
            Change("summary", task.Description, summary);
            task.Description = summary;
        }

        if (deadline is DateTime dl)
        {
            Change("deadline", task.Deadline is DateTime old ? SandboxState.Iso(old) : null, SandboxState.Iso(dl));
            task.Deadline = dl;
        }

        if (owners is not null)
        {
            Change("owners", OwnersText(task), OwnersText(owners.Users, owners.Guests, owners.Groups));
            Owners.AdmitGuests(c.Org, owners.Guests, SandboxClock.Now());
            owners.ApplyTo(task);
        }

        foreach (var (field, value) in taskdata)
        {
            Change("taskdata." + field.Id, field.Value?.ToJsonString(), value?.ToJsonString());
            field.Value = value;
        }

        if (body["custom_fields"] is JsonObject custom)
        {
            // A whole-object update replaces them (an empty object drops them): a client must send them back or leave them out.
            task.CustomFields = custom.Count == 0 ? null : (JsonObject)custom.DeepClone();
        }

        task.LastUpdated = SandboxClock.Now();
        c.State.Touch();
        return ApiResult.Ok(ApiJson.Wrap(c.Json.Task(task, c.With())));
    }

    private static string OwnersText(TaskItem t) => OwnersText(t.OwnerUsers, t.OwnerGuests, t.OwnerGroups);

    private static string OwnersText(List<int> users, List<string> guests, List<string> groups) =>
        $"users:{string.Join(",", users)};guests:{string.Join(",", guests)};groups:{string.Join(",", groups)}";

    /// <summary>Form-field answers keyed by field id; keys that are no form field of the task are dropped without a word.</summary>
    private static List<(FormField Field, JsonNode? Value)> ReadTaskData(ApiCall c, TaskItem task, JsonNode? node, Dictionary<string, string> errors)
    {
        var result = new List<(FormField, JsonNode?)>();
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject o)
        {
            errors["taskdata"] = "The taskdata must be an object keyed by form field id.";
            return result;
        }

        foreach (var field in task.FormFields)
        {
            if (!o.TryGetPropertyValue(field.Id, out var v))
            {
                continue;
            }

            string key = "taskdata." + field.Id;
            if (field.Definition.Required && FieldValues.IsEmpty(v))
            {
                errors[key] = field.Definition.Label + " is required";
            }
            else if (FieldValues.Problem(field.Definition, v, c.Org) is string problem)
            {
                errors[key] = problem;
            }
            else
            {
                result.Add((field, v?.DeepClone()));
            }
        }

        return result;
    }
}
