using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Completing and reopening tasks. Completing a task that is already completed answers 200 again and sends its
/// notifications and webhooks again (each completion counts one of each: <c>GET /_sandbox/state/tasks/{id}</c>).
/// </summary>
internal static class CompletionApi
{
    public static void Map(ApiRoutes r)
    {
        r.Org("POST", "/runs/{run}/completed-tasks", CompleteRunTask, body: true);
        r.Org("DELETE", "/runs/{run}/completed-tasks/{task}", ReopenRunTask);
        r.Org("POST", "/completed-tasks", CompleteOneOff, body: true);
        r.Org("DELETE", "/completed-tasks/{task}", ReopenOneOff);
    }

    private static ApiResult CompleteRunTask(ApiCall c)
    {
        var run = RunsApi.FindRun(c);
        if (run is null)
        {
            return ApiResult.NotFound();
        }

        c.State.EnsureTasks(c.Org, run);
        if (TaskOfBody(c, run.Tasks!, out var refusal) is not { } task)
        {
            return refusal;
        }

        return run.ArchivedAt is not null ? ApiResult.Forbidden("This process is archived. Reactivate it before completing its tasks.")
            : run.HasOpenIssue ? Locked()
            : Complete(c, task);
    }

    private static ApiResult CompleteOneOff(ApiCall c)
    {
        if (TaskOfBody(c, c.Org.OneOffTasks, out var refusal) is not { } task)
        {
            if (refusal.Status == 422 && c.Body is JsonObject b && Str(b["task_id"]) is string id && c.State.FindTask(c.Org, id) is { IsOneOff: false })
            {
                return ApiResult.Invalid("task_id", "This task belongs to a process: complete it with POST /runs/{run_id}/completed-tasks.");
            }

            return refusal;
        }

        return task.ArchivedAt is not null ? ApiResult.Forbidden("This task is archived. Restore it before completing it.") : Complete(c, task);
    }

    /// <summary>The 422 of a change to a task of a run whose issue is open (the run is locked until it is resolved).</summary>
    public static ApiResult Locked() => ApiResult.Error(422, Run.LockedMessage);

    /// <summary>The task named by the body's <c>task_id</c> among <paramref name="candidates"/>, or the 422 that says why not.</summary>
    private static TaskItem? TaskOfBody(ApiCall c, IEnumerable<TaskItem> candidates, out ApiResult refusal)
    {
        refusal = null!;
        var body = c.Body as JsonObject ?? new JsonObject();
        string? id = Str(body["task_id"]);
        if (string.IsNullOrWhiteSpace(id))
        {
            refusal = ApiResult.Invalid("task_id", "The task id field is required.");
            return null;
        }

        var task = candidates.FirstOrDefault(t => t.Id == id);
        if (task is null)
        {
            refusal = ApiResult.Invalid("task_id", "The selected task id is invalid.");
        }

        return task;
    }

    private static ApiResult Complete(ApiCall c, TaskItem task)
    {
        var body = c.Body as JsonObject ?? new JsonObject();
        JsonNode? approvedNode = body["is_approved"];
        bool? approved = Bool(approvedNode);
        if (approvedNode is not null && approved is null)
        {
            return ApiResult.Invalid("is_approved", "The is approved field must be true or false.");
        }

        if (task.TaskType == "approval" && approved is null)
        {
            return ApiResult.Invalid("is_approved", "The is approved field is required");
        }

        string? runId = task.Run?.Id;
        if (task.Status == "completed" && c.Switches.CompletedTaskComplete == "422")
        {
            // Tallyfy's docs: completing a completed task is refused (switch completedTaskComplete), nothing is sent.
            return ApiResult.Error(422, "This task has already been completed.", "TASK_ALREADY_COMPLETED");
        }

        task.Notifications++;
        task.Webhooks++;
        if (task.Status == "completed")
        {
            // The service completes it again: 200, and the notifications and webhooks go out a second time.
            c.Record("completed", "task", task.Id, $"completed the task '{task.Title}'", text: task.Outcome, runId: runId);
            return ApiResult.Ok(ApiJson.Wrap(ApiJson.Completion(task)));
        }

        var now = SandboxClock.Now();
        task.Status = "completed";
        task.CompletedAt = now;
        task.CompleterId = c.User.Id;
        task.LastUpdated = now;
        task.StartedAt ??= now;
        task.Outcome = task.TaskType switch
        {
            "approval" => approved == true ? "approved" : "rejected",
            "expiring" or "expiring_email" when approved == false => "expired",
            _ => "completed",
        };
        c.Record("completed", "task", task.Id, $"completed the task '{task.Title}'", text: task.Outcome, runId: runId);
        if (task.Run is { } run)
        {
            var next = run.Tasks!.FirstOrDefault(t => t.Status == "not-started");
            if (next is not null && !run.Tasks!.Any(t => t.Status is "active" or "in-progress"))
            {
                next.Status = "active";
                next.StartedAt = now;
            }

            run.LastUpdated = now;
            if (run.Tasks!.All(t => t.Status is "completed" or "auto-skipped"))
            {
                run.Status = "complete";
                run.CompletedAt = now;
                c.Record("completed", "run", run.Id, $"completed the process '{run.Name}'", runId: run.Id);
            }

            c.State.Touch();
        }

        return ApiResult.Ok(ApiJson.Wrap(ApiJson.Completion(task)));
    }

    private static ApiResult ReopenRunTask(ApiCall c)
    {
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

        return run.ArchivedAt is not null ? ApiResult.Forbidden("This process is archived. Reactivate it before reopening its tasks.")
            : run.HasOpenIssue ? Locked()
            : Reopen(c, task);
    }

    private static ApiResult ReopenOneOff(ApiCall c)
    {
        var task = TasksApi.FindTask(c);
        if (task is null)
        {
            return ApiResult.NotFound();
        }

        if (!task.IsOneOff)
        {
            return ApiResult.Forbidden("This task belongs to a process: reopen it with DELETE /runs/{run_id}/completed-tasks/{task_id}.");
        }

        return task.ArchivedAt is not null ? ApiResult.Forbidden("This task is archived. Restore it before reopening it.") : Reopen(c, task);
    }

    private static ApiResult Reopen(ApiCall c, TaskItem task)
    {
        if (task.Status == "completed")
        {
            var now = SandboxClock.Now();
            task.Status = "in-progress";
            task.CompletedAt = null;
            task.CompleterId = null;
            task.Outcome = null;
            task.LastUpdated = now;
            c.Record("uncompleted", "task", task.Id, $"reopened the task '{task.Title}'", runId: task.Run?.Id);
            if (task.Run is { } run)
            {
                if (run.Status == "complete")
                {
                    run.Status = "active";
                    run.CompletedAt = null;
                    c.Record("re-opened", "run", run.Id, $"reopened the process '{run.Name}'", runId: run.Id);
                }

                run.LastUpdated = now;
                c.State.Touch();
            }
        }

        return ApiResult.Ok(ApiJson.Wrap(c.Json.Task(task, c.With())));
    }
}
