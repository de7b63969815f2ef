using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Problems and process-level threads: report a problem on a task or a run (<c>POST .../problem</c>), resolve it
/// (<c>POST .../resolved-threads {thread_id, content}</c>: the problem thread gets <c>resolve_id</c>), and comment on a
/// run. An open problem locks its run (<see cref="Run.HasOpenIssue"/>). A comment labelled <c>resolve</c> resolves
/// nothing (the trap): only resolved-threads does.
/// </summary>
internal static class ProblemsApi
{
    public static void Map(ApiRoutes r)
    {
        r.Org("POST", "/tasks/{task}/problem", c => OnTask(c, t => CommentsApi.Post(c, t, "problem")), body: true);
        r.Org("POST", "/tasks/{task}/resolved-threads", c => OnTask(c, t => Resolve(c, t)), body: true);
        r.Org("POST", "/runs/{run}/comment", c => OnRun(c, t => CommentsApi.Post(c, t, label: null)), body: true);
        r.Org("POST", "/runs/{run}/problem", c => OnRun(c, t => CommentsApi.Post(c, t, "problem")), body: true);
        r.Org("POST", "/runs/{run}/resolved-threads", c => OnRun(c, t => Resolve(c, t)), body: true);
    }

    private static ApiResult OnTask(ApiCall c, Func<ThreadsOf, ApiResult> act) =>
        TasksApi.FindTask(c) is { } task ? act(ThreadsOf.Task(task)) : ApiResult.NotFound();

    private static ApiResult OnRun(ApiCall c, Func<ThreadsOf, ApiResult> act)
    {
        if (RunsApi.FindRun(c) is not { } run)
        {
            return ApiResult.NotFound();
        }

        c.State.EnsureTasks(c.Org, run);
        return act(ThreadsOf.Run(run));
    }

    /// <summary>
    /// Resolves the problem <c>thread_id</c> of the subject: a new thread labelled <c>resolve</c> with the content, whose
    /// id the problem keeps as <c>resolve_id</c>. 422 when the id names no problem here or one already resolved.
    /// </summary>
    private static ApiResult Resolve(ApiCall c, ThreadsOf subject)
    {
        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new System.Collections.Generic.Dictionary<string, string>();
        string? content = Str(body["content"]);
        if (string.IsNullOrWhiteSpace(content))
        {
            errors["content"] = "The content field is required.";
        }

        string? id = Str(body["thread_id"]);
        Comment? problem = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            errors["thread_id"] = "The thread id field is required.";
        }
        else if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long n)
            || (problem = subject.Threads.FirstOrDefault(t => t.Id == n && t.Label == "problem")) is null)
        {
            errors["thread_id"] = "The selected thread id is invalid.";
        }
        else if (problem.ResolveId is not null)
        {
            errors["thread_id"] = "This problem is already resolved.";
        }

        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        if (subject.Archived)
        {
            return ApiResult.Forbidden(subject.ArchivedMessage);
        }

        DateTime now = SandboxClock.Now(); // (the hourly cap is counted by the pipeline: CommentCap)

        var resolution = CommentsApi.NewThread(c, content!, "resolve", Comment.States[0], now);
        subject.Threads.Add(resolution);
        problem!.ResolveId = resolution.Id;
        problem.UpdatedAt = now;
        c.State.Touch();
        c.Record("issue-resolved", "thread", resolution.Id.ToString(CultureInfo.InvariantCulture), $"resolved a problem on {subject.Description}", text: content, runId: subject.RunId);
        return new ApiResult(201, ApiJson.Wrap(c.Json.Thread(resolution)));
    }
}
