using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Tags: list, create, delete (204 even for an id that does not exist), and tagging runs and templates through
/// associations that have ids of their own.
/// </summary>
internal static class TagsApi
{
    public const int MaxTitle = 30;

    private static readonly Regex Color = new Regex("^#[0-9a-fA-F]{6}$", RegexOptions.CultureInvariant);

    public static void Map(ApiRoutes r)
    {
        r.Org("GET", "/tags", List);
        r.Org("POST", "/tags", Create, body: true);
        r.Org("PUT", "/tags/{tag}", Update, body: true);
        r.Org("DELETE", "/tags/{tag}", Delete);
        r.Org("POST", "/checklists/tags", Tag, body: true);
        r.Org("DELETE", "/checklists/tags/{association}", Untag);
    }

    private static ApiResult List(ApiCall c)
    {
        string? q = c.Query("q");
        var tags = c.Org.Tags.Where(t => string.IsNullOrEmpty(q) || t.Title.IndexOf(q, StringComparison.OrdinalIgnoreCase) >= 0)
            .OrderBy(t => t.Title, StringComparer.OrdinalIgnoreCase);
        return Paging.Page(c, tags, t => ApiJson.Tag(t));
    }

    private static ApiResult Create(ApiCall c)
    {
        if (c.LightDenied("create tags") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? title = Str(body["title"])?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors["title"] = "The title field is required.";
        }
        else if (title.Length > MaxTitle)
        {
            errors["title"] = "The title may not be greater than 30 characters.";
        }
        else if (c.Org.Tags.Any(t => string.Equals(t.Title, title, StringComparison.OrdinalIgnoreCase)))
        {
            errors["title"] = "The title has already been taken.";
        }

        string color = Str(body["color"]) ?? "#3498db";
        if (!Color.IsMatch(color))
        {
            errors["color"] = "The color must be a hex color like #1a2b3c.";
        }

        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        var tag = new Tag { Id = c.State.NewId(), Title = title!, Color = color.ToLowerInvariant(), CreatedAt = SandboxClock.Now() };
        c.Org.Tags.Add(tag);
        c.Record("created", "tag", tag.Id, $"created the tag '{tag.Title}'");
        return new ApiResult(201, ApiJson.Wrap(ApiJson.Tag(tag)));
    }

    /// <summary><c>PUT /tags/{id}</c> <c>{"title" (required, <= 30, unique in any case), "color"?}</c> -> 200 tag; 404 unknown.</summary>
    private static ApiResult Update(ApiCall c)
    {
        if (c.LightDenied("edit tags") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        if (c.Org.Tags.FirstOrDefault(t => t.Id == c.Route("tag")) is not { } tag)
        {
            return ApiResult.NotFound();
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? title = Str(body["title"])?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors["title"] = "The title field is required.";
        }
        else if (title.Length > MaxTitle)
        {
            errors["title"] = "The title may not be greater than 30 characters.";
        }
        else if (c.Org.Tags.Any(t => t != tag && string.Equals(t.Title, title, StringComparison.OrdinalIgnoreCase)))
        {
            errors["title"] = "The title has already been taken.";
        }

        string color = Str(body["color"]) ?? tag.Color;
        if (!Color.IsMatch(color))
        {
            errors["color"] = "The color must be a hex color like #1a2b3c.";
        }

        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        string before = tag.Title;
        tag.Title = title!;
        tag.Color = color.ToLowerInvariant();
        c.State.Touch();
        c.Record("updated", "tag", tag.Id, $"updated the tag '{before}'", "title", before, tag.Title);
        return ApiResult.Ok(ApiJson.Wrap(ApiJson.Tag(tag)));
    }

    /// <summary>Deletes a tag and takes it off every run and template. An unknown id answers 204 too (the service's way).</summary>
    private static ApiResult Delete(ApiCall c)
    {
        if (c.LightDenied("delete tags") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var tag = c.Org.Tags.FirstOrDefault(t => t.Id == c.Route("tag"));
        if (tag is not null)
        {
            c.Org.Tags.Remove(tag);
            foreach (var link in c.Org.TagLinks.Values.Where(l => l.Tag == tag).ToList())
            {
                Unlink(c, link);
            }

            c.State.Touch();
            c.Record("deleted", "tag", tag.Id, $"deleted the tag '{tag.Title}'");
        }

        return ApiResult.NoContent(204);
    }

    /// <summary>
    /// POST /checklists/tags <c>{subject_id, subject_type: "Run"|"Checklist", tag_id}</c>: 201 with the new association,
    /// 200 with the one that exists (the service logs it again). An unknown subject, and an archived run, answer 422
    /// "Subject not found".
    /// </summary>
    private static ApiResult Tag(ApiCall c)
    {
        if (c.LightDenied("tag processes") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? type = Str(body["subject_type"]);
        string? subjectId = Str(body["subject_id"]);
        string? tagId = Str(body["tag_id"]);
        var tag = c.Org.Tags.FirstOrDefault(t => t.Id == tagId);
        if (tagId is null)
        {
            errors["tag_id"] = "The tag id field is required.";
        }
        else if (tag is null)
        {
            errors["tag_id"] = "The selected tag id is invalid.";
        }

        List<TagLink>? links = null;
        if (type is not ("Run" or "Checklist"))
        {
            errors["subject_type"] = "The selected subject type is invalid.";
        }
        else if (subjectId is null)
        {
            errors["subject_id"] = "The subject id field is required.";
        }
        else
        {
            links = type == "Run"
                ? (c.Org.RunsById.TryGetValue(subjectId, out var run) ? run.Tags : null)
                : c.Org.Checklists.FirstOrDefault(t => t.Id == subjectId)?.Tags;
        }

        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        // trap: an archived run cannot be tagged, and says so as it says an unknown id: 422 "Subject not found".
        if (links is null || (type == "Run" && c.Org.RunsById[subjectId!].ArchivedAt is not null))
        {
            return ApiResult.Error(422, "Subject not found");
        }

        if (links!.FirstOrDefault(l => l.Tag == tag) is { } existing)
        {
            // trap: no duplicate, but another audit row (and, at Tallyfy, another tag.created event).
            c.Record("tagged", type == "Run" ? "run" : "checklist", subjectId!, $"tagged '{tag!.Title}'", text: tag.Title, runId: type == "Run" ? subjectId : null);
            return ApiResult.Ok(ApiJson.Wrap(ApiJson.Association(existing)));
        }

        var link = new TagLink { Id = c.State.NewId(), Tag = tag!, SubjectType = type!, SubjectId = subjectId!, CreatedAt = SandboxClock.Now() };
        links!.Add(link);
        c.Org.TagLinks[link.Id] = link;
        c.State.Touch();
        c.Record("tagged", type == "Run" ? "run" : "checklist", subjectId!, $"tagged '{tag!.Title}'", text: tag.Title, runId: type == "Run" ? subjectId : null);
        return new ApiResult(201, ApiJson.Wrap(ApiJson.Association(link)));
    }

    private static ApiResult Untag(ApiCall c)
    {
        if (c.LightDenied("untag processes") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        if (!c.Org.TagLinks.TryGetValue(c.Route("association"), out var link))
        {
            return ApiResult.NotFound();
        }

        Unlink(c, link);
        c.State.Touch();
        c.Record("untagged", link.SubjectType == "Run" ? "run" : "checklist", link.SubjectId, $"removed the tag '{link.Tag.Title}'", oldValue: link.Tag.Title, runId: link.SubjectType == "Run" ? link.SubjectId : null);
        return ApiResult.NoContent(204);
    }

    private static void Unlink(ApiCall c, TagLink link)
    {
        c.Org.TagLinks.Remove(link.Id);
        if (link.SubjectType == "Run")
        {
            if (c.Org.RunsById.TryGetValue(link.SubjectId, out var run))
            {
                run.Tags.Remove(link);
            }
        }
        else
        {
            c.Org.Checklists.FirstOrDefault(t => t.Id == link.SubjectId)?.Tags.Remove(link);
        }
    }
}
