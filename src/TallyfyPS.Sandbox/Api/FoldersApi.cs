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
}
