using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Comments (threads) on tasks: add, edit, delete; they are read with <c>with=threads</c> on a task (or
/// <c>tasks.threads</c> on a run). An organization may post only so many per hour (<see cref="LimitSettings"/>, counted by <see cref="CommentCap"/>).
/// </summary>
internal static class CommentsApi
{
    public static void Map(ApiRoutes r)
    {
        r.Org("POST", "/tasks/{task}/comment", Add, body: true);
        r.Org("PUT", "/tasks/{task}/comment/{comment}", Edit, body: true);
        r.Org("DELETE", "/tasks/{task}/comment/{comment}", Delete);
    }

    private static ApiResult Add(ApiCall c)
    {
        var task = TasksApi.FindTask(c);
        return task is null ? ApiResult.NotFound() : Post(c, ThreadsOf.Task(task), label: null);
    }

    /// <summary>
    /// Posts a thread on a task or a run: <paramref name="label"/> null takes the body's label (a comment), else the
    /// endpoint's (<c>problem</c>). Validation, the archived refusal and the hourly cap are those of every post.
    /// </summary>
    internal static ApiResult Post(ApiCall c, ThreadsOf subject, string? label)
    {
        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? content = Str(body["content"]);
        if (string.IsNullOrWhiteSpace(content))
        {
            errors["content"] = "The content field is required.";
        }

        label ??= Str(body["label"]) ?? Comment.Labels[0];
        if (!Comment.Labels.Contains(label))
        {
            errors["label"] = "The selected label is invalid.";
        }

        string state = Str(body["state"]) ?? Comment.States[0];
        if (!Comment.States.Contains(state))
        {
            errors["state"] = "The selected state is invalid.";
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

        var comment = NewThread(c, content!, label, state, now);
        subject.Threads.Add(comment);
        if (label == "problem")
        {
            c.State.Touch();
            c.Record("issue-reported", "thread", comment.Id.ToString(CultureInfo.InvariantCulture), $"reported a problem on {subject.Description}", text: content, runId: subject.RunId);
        }
        else
        {
            c.Record("commented", "thread", comment.Id.ToString(CultureInfo.InvariantCulture), $"commented on {subject.Description}", text: content, runId: subject.RunId);
        }

        return new ApiResult(201, ApiJson.Wrap(c.Json.Thread(comment)));
    }

    /// <summary>A new thread (the organization's hourly cap is counted by the pipeline: CommentCap).</summary>
    internal static Comment NewThread(ApiCall c, string content, string label, string state, DateTime now)
    {
        return new Comment
        {
            Id = c.State.NextThreadId(),
            Content = content,
            Label = label,
            State = state,
            AuthorId = c.User.Id,
            CreatedAt = now,
        };
    }

    /// <summary>The comment of the path on the task of the path, or the refusal: unknown ids, a hidden (archived) comment, someone else's comment.</summary>
    private static (TaskItem? Task, Comment? Comment) Find(ApiCall c, out ApiResult refusal)
    {
        refusal = null!;
        var task = TasksApi.FindTask(c);
        string id = c.Route("comment");
        var comment = task is null || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? null : task.Threads.FirstOrDefault(t => t.Id == n);
        if (task is null || comment is null || task.Run?.ArchivedAt is not null)
        {
            refusal = ApiResult.NotFound();
            return (null, null);
        }

        if (comment.AuthorId != c.User.Id && c.User.Role != Role.Admin)
        {
            refusal = ApiResult.Forbidden("Only the author of a comment or an administrator can change it.");
            return (null, null);
        }

        return (task, comment);
    }

    private static ApiResult Edit(ApiCall c)
    {
        var (task, comment) = Find(c, out var refusal);
        if (task is null || comment is null)
        {
            return refusal;
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? content = body.ContainsKey("content") ? Str(body["content"]) : comment.Content;
        if (string.IsNullOrWhiteSpace(content))
        {
            errors["content"] = "The content field is required.";
        }

        string label = Str(body["label"]) ?? comment.Label;
        if (!Comment.Labels.Contains(label))
        {
            errors["label"] = "The selected label is invalid.";
        }

        string state = Str(body["state"]) ?? comment.State;
        if (!Comment.States.Contains(state))
        {
            errors["state"] = "The selected state is invalid.";
        }

        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        string old = comment.Content;
        comment.Content = content!;
        comment.Label = label;
        comment.State = state;
        comment.UpdatedAt = SandboxClock.Now();
        c.Record("updated", "thread", comment.Id.ToString(CultureInfo.InvariantCulture), $"edited a comment on the task '{task.Title}'", "content", old, content, task.Run?.Id);
        return ApiResult.Ok(ApiJson.Wrap(c.Json.Thread(comment)));
    }

    private static ApiResult Delete(ApiCall c)
    {
        var (task, comment) = Find(c, out var refusal);
        if (task is null || comment is null)
        {
            return refusal;
        }

        task.Threads.Remove(comment);
        c.Record("deleted", "thread", comment.Id.ToString(CultureInfo.InvariantCulture), $"deleted a comment on the task '{task.Title}'", oldValue: comment.Content, runId: task.Run?.Id);
        return ApiResult.NoContent(c.Switches.CommentDeleteSuccess == "204" ? 204 : 200);
    }
}
