using System;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>
/// <c>GET /folders?folder_type=run|checklist</c> and <c>POST /folders</c>. trap: without <c>folder_type</c> only the
/// template (checklist) folders are listed, as the service does (its own clients always send it).
/// </summary>
internal static class FoldersApi
{
    public static void Map(ApiRoutes r)
    {
        r.Org("GET", "/folders", List);
        r.Org("POST", "/folders", Create, body: true);
        r.Org("POST", "/folders/add-object", AddObject, body: true);
        r.Org("PUT", "/folders/{folder}", Update, body: true);
        r.Org("DELETE", "/folders/{folder}", Delete);
        r.Org("DELETE", "/folders-objects/{object}", RemoveObject);
    }

    private static ApiResult List(ApiCall c)
    {
        string? type = c.Query("folder_type");
        if (!string.IsNullOrEmpty(type) && type is not ("run" or "checklist"))
        {
            return ApiResult.Invalid("folder_type", "The selected folder type is invalid.");
        }

        string listed = string.IsNullOrEmpty(type) ? "checklist" : type;
        return Paging.Page(c, c.Org.Folders.Where(f => f.FolderType == listed), f => ApiJson.Folder(f));
    }

    /// <summary><c>{"name", "parent_id"?, "folder_type"?}</c> -> 201 with the folder; without folder_type a template folder [assumed].</summary>
    private static ApiResult Create(ApiCall c)
    {
        if (c.LightDenied("create folders") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        string? name = Str(body["name"])?.Trim();
        string type = Str(body["folder_type"]) ?? "checklist";
        string? parent = Str(body["parent_id"]);
        if (string.IsNullOrEmpty(name))
        {
            return ApiResult.Invalid("name", "The name field is required.");
        }

        if (type is not ("run" or "checklist"))
        {
            return ApiResult.Invalid("folder_type", "The selected folder type is invalid.");
        }

        if (parent is not null && !c.Org.Folders.Any(f => f.Id == parent && f.FolderType == type))
        {
            return ApiResult.Invalid("parent_id", "The selected parent id is invalid.");
        }

        var folder = new Folder { Id = c.State.NewId(), Name = name, FolderType = type, ParentId = parent, CreatedAt = SandboxClock.Now() };
        c.Org.Folders.Add(folder);
        c.State.Touch();
        return new ApiResult(201, ApiJson.Wrap(ApiJson.Folder(folder)));
    }

    private static Folder? Find(ApiCall c) => c.Org.Folders.FirstOrDefault(f => f.Id == c.Route("folder"));

    /// <summary><c>PUT /folders/{id}</c> <c>{"name"?, "parent_id"?}</c>: renames and moves (a null parent: to the top); no cycles.</summary>
    private static ApiResult Update(ApiCall c)
    {
        if (c.LightDenied("edit folders") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        if (Find(c) is not { } folder)
        {
            return ApiResult.NotFound();
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        string? name = body.ContainsKey("name") ? Str(body["name"])?.Trim() : folder.Name;
        if (string.IsNullOrEmpty(name))
        {
            return ApiResult.Invalid("name", "The name field is required.");
        }

        string? parent = body.ContainsKey("parent_id") ? Str(body["parent_id"]) : folder.ParentId;
        if (parent is not null)
        {
            if (!c.Org.Folders.Any(f => f.Id == parent && f.FolderType == folder.FolderType))
            {
                return ApiResult.Invalid("parent_id", "The selected parent id is invalid.");
            }

            // no cycles: the new parent may not be the folder itself or one of its descendants
            for (string? p = parent; p is not null; p = c.Org.Folders.FirstOrDefault(f => f.Id == p)?.ParentId)
            {
                if (p == folder.Id)
                {
                    return ApiResult.Invalid("parent_id", "A folder cannot be moved into itself or one of its subfolders.");
                }
            }
        }

        folder.Name = name!;
        folder.ParentId = parent;
        c.State.Touch();
        return ApiResult.Ok(ApiJson.Wrap(ApiJson.Folder(folder)));
    }

    /// <summary>
    /// <c>DELETE /folders/{id}</c>: 200 (empty) or 204 (switch <c>folderDeleteSuccess</c>). Runs and templates leave it;
    /// its subfolders move up to its parent [assumed].
    /// </summary>
    private static ApiResult Delete(ApiCall c)
    {
        if (c.LightDenied("delete folders") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        if (Find(c) is not { } folder)
        {
            return ApiResult.NotFound();
        }

        c.Org.Folders.Remove(folder);
        foreach (var child in c.Org.Folders.Where(f => f.ParentId == folder.Id))
        {
            child.ParentId = folder.ParentId;
        }

        foreach (var run in c.Org.Runs)
        {
            run.Folders.Remove(folder);
        }

        foreach (var template in c.Org.Checklists.Where(t => t.Folder == folder))
        {
            template.Folder = null;
        }

        c.State.Touch();
        return ApiResult.NoContent(c.Switches.FolderDeleteSuccess == "204" ? 204 : 200);
    }

    /// <summary>
    /// <c>POST /folders/add-object</c> <c>{"folder_id", "subject_id", "subject_type": "Run"}</c>: 201 with the new
    /// folder-object, 200 with the one that exists (no duplicate). An unknown run: 422 "Subject not found".
    /// </summary>
    private static ApiResult AddObject(ApiCall c)
    {
        if (c.LightDenied("file processes") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        string? folderId = Str(body["folder_id"]);
        string? subject = Str(body["subject_id"]);
        string? type = Str(body["subject_type"]);
        if (string.IsNullOrEmpty(folderId))
        {
            return ApiResult.Invalid("folder_id", "The folder id field is required.");
        }

        if (type != "Run")
        {
            return ApiResult.Invalid("subject_type", "The selected subject type is invalid.");
        }

        if (c.Org.Folders.FirstOrDefault(f => f.Id == folderId && f.FolderType == "run") is not { } folder)
        {
            return ApiResult.Invalid("folder_id", "The selected folder id is invalid.");
        }

        if (subject is null || !c.Org.RunsById.TryGetValue(subject, out var run))
        {
            return ApiResult.Error(422, "Subject not found");
        }

        bool added = !run.Folders.Contains(folder);
        if (added)
        {
            run.Folders.Add(folder);
            run.LastUpdated = SandboxClock.Now();
            c.State.Touch();
        }

        return new ApiResult(added ? 201 : 200, ApiJson.Wrap(ApiJson.FolderObject(run, folder)));
    }

    /// <summary><c>DELETE /folders-objects/{id}</c>: takes the run out of the folder; 200 (empty) or 204 (switch <c>folderObjectDeleteSuccess</c>); 404 unknown.</summary>
    private static ApiResult RemoveObject(ApiCall c)
    {
        if (c.LightDenied("file processes") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        string id = c.Route("object");
        foreach (var run in c.Org.Runs)
        {
            foreach (var folder in run.Folders)
            {
                if (string.Equals(ApiJson.FolderObjectId(run, folder), id, StringComparison.Ordinal))
                {
                    run.Folders.Remove(folder);
                    run.LastUpdated = SandboxClock.Now();
                    c.State.Touch();
                    return ApiResult.NoContent(c.Switches.FolderObjectDeleteSuccess == "204" ? 204 : 200);
                }
            }
        }

        return ApiResult.NotFound();
    }
}
