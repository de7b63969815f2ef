using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>Runs (processes): list, get, update, archive, reactivate, delete permanently. Launching is <see cref="LaunchApi"/>.</summary>
internal static class RunsApi
{
    private static readonly string[] Sorts =
    {
        "name", "-name", "created_at", "-created_at", "started_at", "-started_at", "last_updated", "-last_updated",
        "updated_at", "-updated_at", "completed_at", "-completed_at",
    };

    public static void Map(ApiRoutes r)
    {
        r.Org("GET", "/runs", ListRuns);
        r.Org("GET", "/runs/{run}", GetRun);
        r.Org("PUT", "/runs/{run}", UpdateRun, body: true);
        r.Org("DELETE", "/runs/{run}", ArchiveRun);
        r.Org("PUT", "/runs/{run}/activate", ActivateRun);
        r.Org("DELETE", "/runs/{run}/delete", DeleteRun);
    }

    /// <summary>The run of the path, or null (unknown or malformed id).</summary>
    public static Run? FindRun(ApiCall c) =>
        SandboxState.IsHexId(c.Route("run")) && c.Org.RunsById.TryGetValue(c.Route("run"), out var r) ? r : null;

    /// <summary>The run of the path for reading: null also when the run is archived and the switch hides archived runs.</summary>
    public static Run? ReadableRun(ApiCall c) =>
        FindRun(c) is { } run && (run.ArchivedAt is null || c.Switches.ArchivedRunGet != "404") ? run : null;

    private static ApiResult ListRuns(ApiCall c)
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
        string? folder = c.Query("folder");
        var types = CsvSet(c.Query("type"));
        string sort = c.Query("sort") ?? "-created_at";
        if (sort.Length == 0 || c.Switches.IgnoreSort)
        {
            sort = "-created_at";
        }

        if (!Sorts.Contains(sort))
        {
            return ApiResult.Invalid("sort", "The selected sort is invalid.");
        }

        bool Match(Run r)
        {
            if (r.ArchivedAt is not null ? !includeArchived : onlyArchived) { return false; }
            if (statuses.Count > 0 && !statuses.Contains(r.ShownStatus) && !(statuses.Contains("problem") && r.ShownStatus == "issue")) { return false; }
            if (starred && !r.Starred) { return false; }
            if (!string.IsNullOrEmpty(q) && r.Name.IndexOf(q, StringComparison.OrdinalIgnoreCase) < 0) { return false; }
            if (owners.Count > 0 && !owners.Contains(r.OwnerId.ToString(CultureInfo.InvariantCulture))) { return false; }
            if (!string.IsNullOrEmpty(checklist) && !string.Equals(r.Checklist.Id, checklist, StringComparison.OrdinalIgnoreCase)) { return false; }
            if (!string.IsNullOrEmpty(tag) && !r.Tags.Any(t => string.Equals(t.Tag.Id, tag, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Tag.Title, tag, StringComparison.OrdinalIgnoreCase))) { return false; }
            if (!string.IsNullOrEmpty(folder) && !r.Folders.Any(f => string.Equals(f.Id, folder, StringComparison.OrdinalIgnoreCase) || string.Equals(f.Name, folder, StringComparison.OrdinalIgnoreCase))) { return false; }
            if (types.Count > 0 && !types.Contains(r.Type)) { return false; }
            return true;
        }

        List<Run> Compute()
        {
            var org = c.Org.Runs;
            return sort switch
            {
                "-created_at" => org.Where(Match).ToList(),
                "created_at" => Reverse(org).Where(Match).ToList(),
                "name" => org.Where(Match).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(),
                "-name" => org.Where(Match).OrderByDescending(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(),
                "started_at" => org.Where(Match).OrderBy(r => r.StartedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(),
                "-started_at" => org.Where(Match).OrderByDescending(r => r.StartedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(),
                "last_updated" or "updated_at" => org.Where(Match).OrderBy(r => r.LastUpdated).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(),
                "completed_at" => org.Where(Match).OrderBy(r => r.CompletedAt is null).ThenBy(r => r.CompletedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(),
                "-completed_at" => org.Where(Match).OrderBy(r => r.CompletedAt is null).ThenByDescending(r => r.CompletedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(),
                _ => org.Where(Match).OrderByDescending(r => r.LastUpdated).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(),
            };
        }

        string key = string.Join("\u0001", c.Org.Id, string.Join(",", statuses.OrderBy(x => x, StringComparer.Ordinal)), onlyArchived, includeArchived, starred, q ?? "",
            string.Join(",", owners.OrderBy(x => x, StringComparer.Ordinal)), checklist ?? "", tag ?? "", folder ?? "", string.Join(",", types.OrderBy(x => x, StringComparer.Ordinal)), sort);
        var list = c.State.CachedRunList(key, Compute);
        var with = c.With();
        return Paging.PageList(c, list, r => c.Json.Run(r, with));
    }

    private static IEnumerable<Run> Reverse(List<Run> runs)
    {
        for (int i = runs.Count - 1; i >= 0; i--)
        {
            yield return runs[i];
        }
    }

    private static ApiResult GetRun(ApiCall c) =>
        ReadableRun(c) is { } run ? ApiResult.Ok(ApiJson.Wrap(c.Json.Run(run, c.With()))) : ApiResult.NotFound();

    /// <summary>
    /// The run of the route, if this caller may edit it: a light member is refused (403), an unknown run is 404, an archived
    /// one 403 (any edit of a run: PUT /runs/{id}, its custom fields).
    /// </summary>
    internal static ApiResult? EditableRun(ApiCall c, out Run? run)
    {
        run = null;
        if (c.LightDenied("edit processes") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        run = FindRun(c);
        if (run is null)
        {
            return ApiResult.NotFound();
        }

        return run.ArchivedAt is not null ? ApiResult.Forbidden("This process is archived. Reactivate it before editing it.") : null;
    }

    /// <summary>
    /// PUT /runs/{id}. The service replaces the run's members and groups with what is sent: a body without
    /// <c>users</c> or <c>groups</c> removes them all (the trap a rename falls into).
    /// </summary>
    private static ApiResult UpdateRun(ApiCall c)
    {
        if (EditableRun(c, out Run? found) is { } refused)
        {
            return refused;
        }

        Run run = found!;
        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? name = null;
        if (body.ContainsKey("name"))
        {
            name = Str(body["name"])?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                errors["name"] = "The name field is required.";
            }
            else if (name.Length > LaunchApi.MaxName)
            {
                errors["name"] = "The name may not be greater than 550 characters.";
            }
        }

        int? owner = null;
        if (body.ContainsKey("owner_id"))
        {
            owner = Int(body["owner_id"]);
            if (owner is null || c.State.UserById(owner.Value)?.OrganizationId != c.Org.Id)
            {
                errors["owner_id"] = "The selected owner id is invalid.";
            }
        }

        var users = LaunchApi.ReadMembers(c, body, errors) ?? new List<int>();
        var groups = LaunchApi.ReadGroups(c, body, errors) ?? new List<string>();
        var prerun = LaunchApi.ReadPrerun(c, run.Checklist, body["prerun"], errors, requireAll: false);
        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        void Change(string field, string? old, string? now)
        {
            if (old != now)
            {
                c.Record("updated", "run", run.Id, $"updated the process '{run.Name}'", field, old, now, run.Id);
            }
        }

        if (name is not null)
        {
            Change("name", run.Name, name);
            run.Name = name;
        }

        if (Str(body["summary"]) is string summary)
        {
            Change("summary", run.Summary, summary);
            run.Summary = summary;
        }

        if (owner is int o)
        {
            Change("owner_id", run.OwnerId.ToString(CultureInfo.InvariantCulture), o.ToString(CultureInfo.InvariantCulture));
            run.OwnerId = o;
        }

        if (Bool(body["starred"]) is bool starred)
        {
            Change("starred", run.Starred ? "true" : "false", starred ? "true" : "false");
            run.Starred = starred;
        }

        if (Bool(body["is_public"]) is bool isPublic)
        {
            Change("is_public", run.IsPublic ? "true" : "false", isPublic ? "true" : "false");
            run.IsPublic = isPublic;
        }

        Change("users", string.Join(",", run.Users), string.Join(",", users));
        run.Users.Clear();
        run.Users.AddRange(users);
        Change("groups", string.Join(",", run.Groups), string.Join(",", groups));
        run.Groups.Clear();
        run.Groups.AddRange(groups);
        foreach (var kv in prerun)
        {
            Change("prerun." + kv.Key, run.Prerun.GetValueOrDefault(kv.Key)?.ToJsonString(), kv.Value?.ToJsonString());
            run.Prerun[kv.Key] = kv.Value;
        }

        if (body["custom_fields"] is JsonObject custom)
        {
            // A whole-object update replaces them (an empty object drops them): a client must send them back or leave them out.
            run.CustomFields = custom.Count == 0 ? null : (JsonObject)custom.DeepClone();
        }

        run.LastUpdated = SandboxClock.Now();
        c.State.Touch();
        return ApiResult.Ok(ApiJson.Wrap(c.Json.Run(run, c.With())));
    }

    private static ApiResult ArchiveRun(ApiCall c)
    {
        if (c.LightDenied("archive processes") is { } denied)
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
            return c.Switches.Rearchive == "404" ? ApiResult.NotFound() : ArchiveAnswer(c, run);
        }

        DateTime now = SandboxClock.Now();
        run.ArchivedAt = now;
        run.LastUpdated = now;
        c.State.Touch();
        c.Record("archived", "run", run.Id, $"archived the process '{run.Name}'", runId: run.Id);
        return ArchiveAnswer(c, run);
    }

    /// <summary>The run as an archive answers it: its status as stored, or <c>archived</c> (switch archiveAnswerStatus); reads keep the stored status.</summary>
    private static ApiResult ArchiveAnswer(ApiCall c, Run run)
    {
        var o = c.Json.Run(run, c.With());
        if (c.Switches.ArchiveAnswerStatus == "archived")
        {
            o["status"] = "archived";
        }

        return ApiResult.Ok(ApiJson.Wrap(o));
    }

    private static ApiResult ActivateRun(ApiCall c)
    {
        if (c.LightDenied("reactivate processes") is { } denied)
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
            run.LastUpdated = SandboxClock.Now();
            c.State.Touch();
            c.Record("unarchived", "run", run.Id, $"reactivated the process '{run.Name}'", runId: run.Id);
        }

        return ApiResult.Ok(ApiJson.Wrap(c.Json.Run(run, c.With())));
    }

    private static ApiResult DeleteRun(ApiCall c)
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
        c.Record("deleted", "run", run.Id, $"deleted the process '{run.Name}' permanently", runId: run.Id);
        return ApiResult.NoContent(c.Switches.PermanentDeleteSuccess == "204" ? 204 : 200);
    }
}
