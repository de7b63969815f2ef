using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>Templates (API name checklists): list, get (404 once archived), steps, archive, restore.</summary>
internal static class TemplatesApi
{
    private static readonly string[] Sorts = { "title", "-title", "created_at", "-created_at", "last_updated", "-last_updated" };

    public static void Map(ApiRoutes r)
    {
        r.Org("GET", "/checklists", List);
        r.Org("GET", "/checklists/{checklist}", Get);
        r.Org("GET", "/checklists/{checklist}/steps", Steps);
        r.Org("DELETE", "/checklists/{checklist}", Archive);
        r.Org("PUT", "/checklists/{checklist}/restore", Restore);
    }

    private static Checklist? Find(ApiCall c) => c.Org.Checklists.FirstOrDefault(x => x.Id == c.Route("checklist"));

    private static ApiResult List(ApiCall c)
    {
        string? q = c.Query("q");
        var statuses = CsvSet(c.Query("status"));
        var types = CsvSet(c.Query("type"));
        string? starredQ = c.Query("starred");
        bool? starred = string.IsNullOrEmpty(starredQ) ? null : IsTrue(starredQ);
        string? folder = c.Query("folder");
        string? tag = c.Query("tag");
        string? owner = c.Query("owner_id");
        string archived = (c.Query("archived") ?? "").ToLowerInvariant();
        bool onlyArchived = archived == "only";
        bool includeArchived = onlyArchived || archived is "true" or "1";
        string sort = c.Query("sort_by") ?? "title";
        if (sort.Length == 0)
        {
            sort = "title";
        }

        if (!Sorts.Contains(sort))
        {
            return ApiResult.Invalid("sort_by", "The selected sort by is invalid.");
        }

        bool Match(Checklist t)
        {
            if (t.ArchivedAt is not null ? !includeArchived : onlyArchived) { return false; }
            if (!string.IsNullOrEmpty(q) && t.Title.IndexOf(q, StringComparison.OrdinalIgnoreCase) < 0) { return false; }
            if (statuses.Count > 0 && !statuses.Contains(t.Status)) { return false; }
            if (types.Count > 0 && !types.Contains(t.Type)) { return false; }
            if (starred is bool s && t.Starred != s) { return false; }
            if (!string.IsNullOrEmpty(folder) && t.Folder?.Id != folder) { return false; }
            if (!string.IsNullOrEmpty(tag) && !t.Tags.Any(l => l.Tag.Id == tag || string.Equals(l.Tag.Title, tag, StringComparison.OrdinalIgnoreCase))) { return false; }
            if (!string.IsNullOrEmpty(owner) && t.OwnerId.ToString(CultureInfo.InvariantCulture) != owner) { return false; }
            return true;
        }

        var matched = c.Org.Checklists.Where(Match);
        var sorted = sort switch
        {
            "-title" => matched.OrderByDescending(t => t.Title, StringComparer.OrdinalIgnoreCase),
            "created_at" => matched.OrderBy(t => t.CreatedAt),
            "-created_at" => matched.OrderByDescending(t => t.CreatedAt),
            "last_updated" => matched.OrderBy(t => t.LastUpdated),
            "-last_updated" => matched.OrderByDescending(t => t.LastUpdated),
            _ => matched.OrderBy(t => t.Title, StringComparer.OrdinalIgnoreCase),
        };
        var with = c.With();
        return Paging.Page(c, sorted.ThenBy(t => t.Id, StringComparer.Ordinal), t => c.Json.Template(t, with));
    }

    private static ApiResult Get(ApiCall c) =>
        Find(c) is { ArchivedAt: null } t ? ApiResult.Ok(ApiJson.Wrap(c.Json.Template(t, c.With()))) : ApiResult.NotFound();

    private static ApiResult Steps(ApiCall c) =>
        Find(c) is { ArchivedAt: null } t ? ApiResult.Ok(ApiJson.Wrap(ApiJson.ArrayOf(t.Steps.Select(s => c.Json.Step(t, s))))) : ApiResult.NotFound();

    private static ApiResult Archive(ApiCall c)
    {
        if (c.LightDenied("archive templates") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        if (Find(c) is not { ArchivedAt: null } t)
        {
            return ApiResult.NotFound();
        }

        t.ArchivedAt = SandboxClock.Now();
        t.LastUpdated = t.ArchivedAt.Value;
        c.Record("archived", "checklist", t.Id, $"archived the template '{t.Title}'");
        return ApiResult.Ok(new JsonObject
        {
            ["message"] = "The Template was deleted, you can restore it from the archived templates.",
            ["deleted_references"] = new JsonObject(),
        });
    }

    private static ApiResult Restore(ApiCall c)
    {
        if (c.LightDenied("restore templates") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        if (Find(c) is not { } t)
        {
            return ApiResult.NotFound();
        }

        if (t.ArchivedAt is not null)
        {
            t.ArchivedAt = null;
            t.LastUpdated = SandboxClock.Now();
            c.Record("unarchived", "checklist", t.Id, $"restored the template '{t.Title}'");
        }

        return ApiResult.Ok(ApiJson.Wrap(c.Json.Template(t, c.With())));
    }
}
