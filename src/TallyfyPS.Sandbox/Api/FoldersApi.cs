using System.Linq;

namespace TallyfyPS.Sandbox;

/// <summary>
/// <c>GET /folders?folder_type=run|checklist</c>. trap: without <c>folder_type</c> only the template (checklist) folders
/// are listed, as the service does (its own clients always send it).
/// </summary>
internal static class FoldersApi
{
    public static void Map(ApiRoutes r)
    {
        r.Org("GET", "/folders", List);
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
}
