using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TallyfyPS.Sandbox;

/// <summary>The Tallyfy API under /api.</summary>
public static class ApiEndpoints
{
    private static readonly string[] RunStatuses = { "active", "complete", "problem", "delayed", "issue", "improvement" };
    private static readonly string[] TaskTypes = { "task", "approval", "expiring", "email", "expiring_email" };

    private delegate ApiResult Handler(Call call);

    /// <summary>One API call as seen by a handler (runs under the state lock).</summary>
    private sealed class Call
    {
        public required HttpContext Http { get; init; }
        public required SandboxRuntime Rt { get; init; }
        public required User User { get; init; }
        public JsonNode? Body { get; init; }
        public SandboxState State => Rt.State;
        public SwitchSettings Switches { get; init; } = new SwitchSettings();
        public Organization Org { get; set; } = null!;
        public ApiJson Json { get; set; } = null!;

        public string Route(string name) => Http.Request.RouteValues[name]?.ToString() ?? "";

        public string? Query(string name)
        {
            var v = Http.Request.Query[name];
            return v.Count == 0 ? null : v[v.Count - 1];
        }

        public ISet<string> With()
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (string? w in Http.Request.Query["with"])
            {
                if (w is null)
                {
                    continue;
                }

                foreach (string part in w.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    set.Add(part.ToLowerInvariant());
                }
            }

            return set;
        }
    }

    public static void Map(WebApplication app, SandboxRuntime rt)
    {
        const string org = "/api/organizations/{org}";
        MapApi(app, rt, "GET", "/api/me", false, false, Me);
        MapApi(app, rt, "GET", "/api/me/organizations", false, false, MyOrganizations);

        MapApi(app, rt, "GET", org + "/runs", true, false, ListRuns);
        MapApi(app, rt, "POST", org + "/runs", true, true, LaunchRun);
        MapApi(app, rt, "GET", org + "/runs/{run}", true, false, GetRun);
        MapApi(app, rt, "DELETE", org + "/runs/{run}", true, false, ArchiveRun);
        MapApi(app, rt, "PUT", org + "/runs/{run}/activate", true, false, ActivateRun);
        MapApi(app, rt, "DELETE", org + "/runs/{run}/delete", true, false, DeleteRun);
        MapApi(app, rt, "GET", org + "/runs/{run}/tasks", true, false, ListRunTasks);
        MapApi(app, rt, "GET", org + "/runs/{run}/tasks/{task}", true, false, GetRunTask);

        MapApi(app, rt, "GET", org + "/tasks", true, false, ListOrgTasks);
        MapApi(app, rt, "POST", org + "/tasks", true, true, CreateTask);
        MapApi(app, rt, "GET", org + "/tasks/{task}", true, false, GetTask);
        MapApi(app, rt, "DELETE", org + "/tasks/{task}", true, false, ArchiveTask);
        MapApi(app, rt, "PUT", org + "/tasks/{task}/restore", true, false, RestoreTask);
        MapApi(app, rt, "DELETE", org + "/tasks/{task}/delete", true, false, DeleteTask);
        MapApi(app, rt, "POST", org + "/tasks/{task}/comment", true, true, Comment);

        app.MapMethods("/api/oauth/token", new[] { "POST" }, (RequestDelegate)(ctx => OAuth.TokenAsync(ctx, rt)));
    }

    private static void MapApi(WebApplication app, SandboxRuntime rt, string method, string pattern, bool orgScoped, bool readBody, Handler handler)
    {
        app.MapMethods(pattern, new[] { method }, (RequestDelegate)(ctx => ExecuteAsync(ctx, rt, orgScoped, readBody, handler)));
    }

    private static async Task ExecuteAsync(HttpContext ctx, SandboxRuntime rt, bool orgScoped, bool readBody, Handler handler)
    {
        var user = (User)ctx.Items[ApiPipeline.UserKey]!;
        JsonNode? body = null;
        if (readBody)
        {
            using var ms = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(ms, ctx.RequestAborted);
            if (ms.Length > 0)
            {
                try
                {
                    body = JsonNode.Parse(ms.ToArray());
                }
                catch (JsonException)
                {
                    await WriteAsync(ctx, ApiResult.Invalid("body", "The request body is not valid JSON."));
                    return;
                }
            }
        }

        var call = new Call { Http = ctx, Rt = rt, User = user, Body = body, Switches = rt.Switches };
        ApiResult result;
        lock (rt.State.Gate)
        {
            if (orgScoped)
            {
                string orgId = call.Route("org");
                if (!string.Equals(orgId, user.OrganizationId, StringComparison.Ordinal) || !rt.State.Orgs.TryGetValue(orgId, out var o))
                {
                    result = ApiResult.Forbidden("You do not have access to this organization.");
                    goto done;
                }

                call.Org = o;
                call.Json = new ApiJson(rt.State, o, call.Switches);
            }

            result = handler(call);
        }

    done:
        await WriteAsync(ctx, result);
    }

    public static readonly JsonSerializerOptions Relaxed = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext ctx, ApiResult result)
    {
        ctx.Response.StatusCode = result.Status;
        if (result.Headers is not null)
        {
            foreach (var kv in result.Headers)
            {
                ctx.Response.Headers[kv.Key] = kv.Value;
            }
        }

        if (result.Empty)
        {
            if (result.Status != 204)
            {
                ctx.Response.ContentLength = 0;
            }

            return;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(result.Body?.ToJsonString(Relaxed) ?? "null");
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    // ---------------------------------------------------------------- me

    private static ApiResult Me(Call c) => ApiResult.Ok(ApiJson.Wrap(ApiJson.Me(c.User)));

    private static ApiResult MyOrganizations(Call c)
    {
        var orgs = c.State.Orgs.Values.Where(o => o.Id == c.User.OrganizationId).ToList();
        return Page(c, orgs, o => new JsonObject { ["id"] = o.Id, ["name"] = o.Name, ["created_at"] = ApiJson.Time(o.CreatedAt) });
    }

    // ---------------------------------------------------------------- paging

    private static ApiResult? ParsePaging(Call c, out int page, out int perPage)
    {
        page = 1;
        perPage = 10;
        string? pp = c.Query("per_page");
        if (pp is not null)
        {
            if (!int.TryParse(pp, NumberStyles.Integer, CultureInfo.InvariantCulture, out perPage) || perPage < 1)
            {
                return ApiResult.Invalid("per_page", "The per page must be an integer between 1 and 100.");
            }

            perPage = Math.Min(perPage, 100);
        }

        string? p = c.Query("page");
        if (p is not null)
        {
            if (!int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out page) || page < 1)
            {
                return ApiResult.Invalid("page", "The page must be an integer of at least 1.");
            }
        }

        return null;
    }

    private static ApiResult PageList<T>(Call c, IReadOnlyList<T> items, Func<T, JsonNode> map)
    {
        var invalid = ParsePaging(c, out int page, out int perPage);
        if (invalid is not null)
        {
            return invalid;
        }

        long skip = (long)(page - 1) * perPage;
        var data = new JsonArray();
        for (long i = skip; i < items.Count && i < skip + perPage; i++)
        {
            data.Add(map(items[(int)i]));
        }

        return Envelope(c, data, items.Count, page, perPage);
    }

    private static ApiResult Page<T>(Call c, IEnumerable<T> items, Func<T, JsonNode> map)
    {
        var invalid = ParsePaging(c, out int page, out int perPage);
        if (invalid is not null)
        {
            return invalid;
        }

        long skip = (long)(page - 1) * perPage;
        int total = 0;
        var data = new JsonArray();
        foreach (var item in items)
        {
            if (total >= skip && total < skip + perPage)
            {
                data.Add(map(item));
            }

            total++;
        }

        return Envelope(c, data, total, page, perPage);
    }

    private static ApiResult Envelope(Call c, JsonArray data, int total, int page, int perPage)
    {
        int totalPages = Math.Max(1, (int)((total + (long)perPage - 1) / perPage));
        var pagination = new JsonObject
        {
            ["total"] = total,
            ["count"] = data.Count,
            ["per_page"] = perPage,
            ["current_page"] = page,
            ["total_pages"] = totalPages,
        };
        if (page < totalPages)
        {
            var links = new JsonObject();
            if (page > 1)
            {
                links["previous"] = Link(c.Http, page - 1);
            }

            links["next"] = Link(c.Http, page + 1);
            pagination["links"] = links;
        }
        else
        {
            switch (c.Switches.LastPageLinks)
            {
                case "empty-object": pagination["links"] = new JsonObject(); break;
                case "null": pagination["links"] = null; break;
                case "absent": break;
                default: pagination["links"] = new JsonArray(); break;
            }
        }

        return ApiResult.Ok(new JsonObject { ["data"] = data, ["meta"] = new JsonObject { ["pagination"] = pagination } });
    }

    private static string Link(HttpContext ctx, int page)
    {
        var req = ctx.Request;
        var sb = new StringBuilder();
        string raw = req.QueryString.HasValue ? req.QueryString.Value!.TrimStart('?') : "";
        foreach (string part in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            string key = Uri.UnescapeDataString((eq < 0 ? part : part.Substring(0, eq)).Replace('+', ' '));
            if (string.Equals(key, "page", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            sb.Append(sb.Length == 0 ? '?' : '&').Append(part);
        }

        sb.Append(sb.Length == 0 ? '?' : '&').Append("page=").Append(page.ToString(CultureInfo.InvariantCulture));
        return req.Scheme + "://" + req.Host.Value + req.PathBase.Value + req.Path.Value + sb;
    }

    // ---------------------------------------------------------------- runs

    private static HashSet<string> CsvSet(string? s) =>
        new HashSet<string>((s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToLowerInvariant()), StringComparer.Ordinal);

    private static bool IsTrue(string? s) => s is not null && (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1" || s.Equals("yes", StringComparison.OrdinalIgnoreCase));

    private static ApiResult ListRuns(Call c)
    {
        var statuses = CsvSet(c.Query("status"));
        string archived = (c.Query("archived") ?? "").ToLowerInvariant();
        bool onlyArchived = archived == "only" || statuses.Contains("archived");
        bool includeArchived = onlyArchived || archived is "true" or "1" or "with" or "include";
        bool starred = statuses.Contains("starred");
        if (statuses.Remove("completed"))
        {
            statuses.Add("complete");
        }

        statuses.Remove("archived");
        statuses.Remove("starred");
        string? q = c.Query("q");
        var owners = CsvSet(c.Query("owners"));
        string? checklist = c.Query("checklist_id") ?? c.Query("blueprint_id");
        string? tag = c.Query("tag");
        var types = CsvSet(c.Query("type"));
        string sort = c.Query("sort") ?? "-created_at";
        if (sort.Length == 0)
        {
            sort = "-created_at";
        }

        if (sort is not ("name" or "-name" or "created_at" or "-created_at" or "last_updated" or "-last_updated" or "updated_at" or "-updated_at"))
        {
            return ApiResult.Invalid("sort", "The selected sort is invalid.");
        }

        bool Match(Run r)
        {
            if (r.ArchivedAt is not null ? !includeArchived : onlyArchived) { return false; }
            if (statuses.Count > 0 && !statuses.Contains(r.Status)) { return false; }
            if (starred && !r.Starred) { return false; }
            if (!string.IsNullOrEmpty(q) && r.Name.IndexOf(q, StringComparison.OrdinalIgnoreCase) < 0) { return false; }
            if (owners.Count > 0 && !owners.Contains(r.OwnerId.ToString(CultureInfo.InvariantCulture))) { return false; }
            if (!string.IsNullOrEmpty(checklist) && !string.Equals(r.Checklist.Id, checklist, StringComparison.OrdinalIgnoreCase)) { return false; }
            if (!string.IsNullOrEmpty(tag) && !r.Tags.Any(t => string.Equals(t.Title, tag, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Id, tag, StringComparison.OrdinalIgnoreCase))) { return false; }
            if (types.Count > 0 && !types.Contains(r.Type)) { return false; }
            return true;
        }

        List<Run> Compute()
        {
            var org = c.Org.Runs;
            switch (sort)
            {
                case "-created_at":
                    return org.Where(Match).ToList();
                case "created_at":
                    return Reverse(org).Where(Match).ToList();
                case "name":
                    return org.Where(Match).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
                case "-name":
                    return org.Where(Match).OrderByDescending(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
                case "last_updated":
                case "updated_at":
                    return org.Where(Match).OrderBy(r => r.LastUpdated).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
                default:
                    return org.Where(Match).OrderByDescending(r => r.LastUpdated).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            }
        }

        string key = string.Join("\u0001", c.Org.Id, string.Join(",", statuses.OrderBy(x => x, StringComparer.Ordinal)), onlyArchived, includeArchived, starred, q ?? "",
            string.Join(",", owners.OrderBy(x => x, StringComparer.Ordinal)), checklist ?? "", tag ?? "", string.Join(",", types.OrderBy(x => x, StringComparer.Ordinal)), sort);
        var list = c.State.CachedRunList(key, Compute);
        var with = c.With();
        return PageList(c, list, r => c.Json.Run(r, with));
    }

    private static IEnumerable<Run> Reverse(List<Run> runs)
    {
        for (int i = runs.Count - 1; i >= 0; i--)
        {
            yield return runs[i];
        }
    }

    private static Run? FindRun(Call c) =>
        SandboxState.IsHexId(c.Route("run")) && c.Org.RunsById.TryGetValue(c.Route("run"), out var r) ? r : null;

    private static ApiResult GetRun(Call c)
    {
        var run = FindRun(c);
        if (run is null || (run.ArchivedAt is not null && c.Switches.ArchivedRunGet == "404"))
        {
            return ApiResult.NotFound();
        }

        return ApiResult.Ok(ApiJson.Wrap(c.Json.Run(run, c.With())));
    }

    private static string? LightDenied(Call c, string what) =>
        c.User.Role == Role.Light ? $"Light members cannot {what}." : null;

    private static ApiResult LaunchRun(Call c)
    {
        if (LightDenied(c, "launch processes") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? checklistId = Str(body["checklist_id"]) ?? Str(body["blueprint_id"]);
        Checklist? cl = null;
        if (string.IsNullOrWhiteSpace(checklistId))
        {
            errors["checklist_id"] = "The checklist id field is required.";
        }
        else
        {
            cl = c.Org.Checklists.FirstOrDefault(x => x.Id == checklistId);
            if (cl is null)
            {
                errors["checklist_id"] = "The selected checklist id is invalid.";
            }
        }

        string? name = Str(body["name"]);
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = "The name field is required.";
        }

        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        DateTime now = Now();
        var run = new Run
        {
            Id = c.State.NewId(),
            Index = -1,
            IncrementId = c.Org.NextRunIncrement++,
            Checklist = cl!,
            Name = name!.Trim(),
            Summary = Str(body["summary"]) ?? "",
            Status = "active",
            StartedBy = c.User.Id,
            OwnerId = c.User.Id,
            Starred = body["starred"] is JsonValue sv && sv.TryGetValue(out bool st) && st,
            IsPublic = body["is_public"] is JsonValue pv && pv.TryGetValue(out bool pb) && pb,
            Type = cl!.Type,
            CreatedAt = now,
            StartedAt = now,
            LastUpdated = now,
            DueDate = now.AddDays(14),
        };
        run.Users.Add(c.User.Id);
        foreach (var k in cl.KickoffFields)
        {
            run.Prerun[k.Alias] = null;
        }

        if (body["prerun"] is JsonObject pre)
        {
            foreach (var kv in pre)
            {
                run.Prerun[kv.Key] = kv.Value?.DeepClone();
            }
        }

        if (body["tags"] is JsonArray tags)
        {
            foreach (var t in tags)
            {
                string? tv = Str(t);
                var tag = SandboxState.AllTags.FirstOrDefault(x => x.Id == tv || x.Title == tv);
                if (tag is not null && !run.Tags.Contains(tag))
                {
                    run.Tags.Add(tag);
                }
            }
        }

        var tasks = new List<TaskItem>();
        for (int p = 1; p <= cl.Steps.Length; p++)
        {
            var t = new TaskItem
            {
                Id = c.State.NewId(),
                IncrementId = run.IncrementId * 10 + p,
                Title = cl.Steps[p - 1],
                Alias = SandboxState.Slug(cl.Steps[p - 1]),
                Run = run,
                StepId = SandboxState.StepId(cl, p),
                Status = p == 1 ? "active" : "not-started",
                Position = p,
                Deadline = now.AddDays(p * 2),
                StartedAt = p == 1 ? now : null,
                CreatedAt = now,
                LastUpdated = now,
            };
            t.OwnerUsers.Add(c.User.Id);
            t.FormFields.Add(new FormField { Id = c.State.NewId(), Label = "Notes", FieldType = "textarea" });
            tasks.Add(t);
            c.Org.TasksById[t.Id] = t;
        }

        run.Tasks = tasks;
        run.TaskTotal = tasks.Count;
        c.State.AddRun(c.Org, run);
        return new ApiResult(201, ApiJson.Wrap(c.Json.Run(run, c.With())));
    }

    private static ApiResult ArchiveRun(Call c)
    {
        if (LightDenied(c, "archive processes") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var run = FindRun(c);
        if (run is null)
        {
            return ApiResult.NotFound();
        }

        if (run.ArchivedAt is not null)
        {
            return c.Switches.Rearchive == "404" ? ApiResult.NotFound() : ApiResult.Ok(ApiJson.Wrap(c.Json.Run(run, c.With())));
        }

        DateTime now = Now();
        run.ArchivedAt = now;
        run.LastUpdated = now;
        c.State.Touch();
        return ApiResult.Ok(ApiJson.Wrap(c.Json.Run(run, c.With())));
    }

    private static ApiResult ActivateRun(Call c)
    {
        if (LightDenied(c, "reactivate processes") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var run = FindRun(c);
        if (run is null)
        {
            return ApiResult.NotFound();
        }

        if (run.ArchivedAt is not null)
        {
            run.ArchivedAt = null;
            run.LastUpdated = Now();
            c.State.Touch();
        }

        return ApiResult.Ok(ApiJson.Wrap(c.Json.Run(run, c.With())));
    }

    private static ApiResult DeleteRun(Call c)
    {
        if (c.User.Role != Role.Admin)
        {
            return ApiResult.Forbidden("Only administrators can permanently delete processes.");
        }

        var run = FindRun(c);
        if (run is null)
        {
            return ApiResult.NotFound();
        }

        if (run.ArchivedAt is null)
        {
            return c.Switches.DeleteNotArchived == "404"
                ? ApiResult.NotFound()
                : ApiResult.Invalid("run_id", "The process must be archived before it can be deleted permanently.");
        }

        c.State.RemoveRun(c.Org, run);
        return ApiResult.NoContent(c.Switches.PermanentDeleteSuccess == "204" ? 204 : 200);
    }

    private static ApiResult ListRunTasks(Call c)
    {
        var run = FindRun(c);
        if (run is null || (run.ArchivedAt is not null && c.Switches.ArchivedRunGet == "404"))
        {
            return ApiResult.NotFound();
        }

        c.State.EnsureTasks(c.Org, run);
        var with = c.With();
        return Page(c, run.Tasks!, t => c.Json.Task(t, with));
    }

    private static ApiResult GetRunTask(Call c)
    {
        var run = FindRun(c);
        if (run is null || (run.ArchivedAt is not null && c.Switches.ArchivedRunGet == "404"))
        {
            return ApiResult.NotFound();
        }

        c.State.EnsureTasks(c.Org, run);
        var task = run.Tasks!.FirstOrDefault(t => t.Id == c.Route("task"));
        return task is null ? ApiResult.NotFound() : ApiResult.Ok(ApiJson.Wrap(c.Json.Task(task, c.With())));
    }

    // ---------------------------------------------------------------- tasks

    private static ApiResult ListOrgTasks(Call c)
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
        return Page(c, All().Where(Match), t => c.Json.Task(t, with));
    }

    private static TaskItem? FindTask(Call c) => c.State.FindTask(c.Org, c.Route("task"));

    private static ApiResult GetTask(Call c)
    {
        var task = FindTask(c);
        if (task is null || (task.Run?.ArchivedAt is not null && c.Switches.ArchivedRunGet == "404"))
        {
            return ApiResult.NotFound();
        }

        return ApiResult.Ok(ApiJson.Wrap(c.Json.Task(task, c.With())));
    }

    private const string TaskOfRun = "This task belongs to a process. Archive or delete the process instead.";

    private static ApiResult CreateTask(Call c)
    {
        if (LightDenied(c, "create tasks") is { } denied)
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
        if (!TaskTypes.Contains(taskType))
        {
            errors["task_type"] = "The selected task type is invalid.";
        }

        DateTime? deadline = null;
        string? dl = Str(body["deadline"]);
        if (!string.IsNullOrEmpty(dl))
        {
            if (DateTime.TryParse(dl, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
            {
                deadline = d;
            }
            else
            {
                errors["deadline"] = "The deadline is not a valid date.";
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
                        var user = SandboxState.UserById(id);
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

        DateTime now = Now();
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
        return new ApiResult(201, ApiJson.Wrap(c.Json.Task(task, c.With())));
    }

    /// <summary>
    /// The one-off task a change is about, or the refusal to send: the caller's role (light members, or
    /// anyone but an admin for <paramref name="adminOnly"/>), an unknown id, or a task that belongs to a run.
    /// </summary>
    private static TaskItem? OneOffTaskFor(Call c, string action, bool adminOnly, out ApiResult refusal)
    {
        refusal = null!;
        if (adminOnly && c.User.Role != Role.Admin)
        {
            refusal = ApiResult.Forbidden($"Only administrators can {action}.");
            return null;
        }

        if (LightDenied(c, action) is { } denied)
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

    private static ApiResult ArchiveTask(Call c)
    {
        if (OneOffTaskFor(c, "archive tasks", adminOnly: false, out ApiResult refusal) is not { } task)
        {
            return refusal;
        }

        if (task.OwnArchivedAt is not null)
        {
            return c.Switches.Rearchive == "404" ? ApiResult.NotFound() : ApiResult.NoContent(204);
        }

        task.OwnArchivedAt = Now();
        task.LastUpdated = task.OwnArchivedAt.Value;
        return ApiResult.NoContent(204);
    }

    private static ApiResult RestoreTask(Call c)
    {
        if (OneOffTaskFor(c, "restore tasks", adminOnly: false, out ApiResult refusal) is not { } task)
        {
            return refusal;
        }

        if (task.OwnArchivedAt is not null)
        {
            task.OwnArchivedAt = null;
            task.LastUpdated = Now();
        }

        return ApiResult.Ok(ApiJson.Wrap(c.Json.Task(task, c.With())));
    }

    private static ApiResult DeleteTask(Call c)
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
        return ApiResult.NoContent(204);
    }

    private static ApiResult Comment(Call c)
    {
        var task = FindTask(c);
        if (task is null)
        {
            return ApiResult.NotFound();
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        string? content = Str(body["content"]);
        if (string.IsNullOrWhiteSpace(content))
        {
            return ApiResult.Invalid("content", "The content field is required.");
        }

        if (task.ArchivedAt is not null)
        {
            return ApiResult.Forbidden("Cannot comment on an archived task.");
        }

        var comment = new Comment
        {
            Id = c.State.NewId(),
            Content = content,
            Label = Str(body["label"]) ?? "comment",
            AuthorId = c.User.Id,
            CreatedAt = Now(),
        };
        task.Threads.Add(comment);
        return new ApiResult(201, ApiJson.Wrap(ApiJson.Thread(comment)));
    }

    // ---------------------------------------------------------------- helpers

    private static string? Str(JsonNode? n)
    {
        if (n is JsonValue v)
        {
            if (v.TryGetValue(out string? s))
            {
                return s;
            }

            if (v.GetValueKind() is JsonValueKind.Number)
            {
                return v.ToJsonString();
            }
        }

        return null;
    }

    public static DateTime Now()
    {
        DateTime n = DateTime.UtcNow;
        return new DateTime(n.Ticks - (n.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
