using System.Linq;

namespace TallyfyPS.Sandbox;

/// <summary><c>GET /folders?folder_type=run|checklist</c>.</summary>
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

        return Paging.Page(c, c.Org.Folders.Where(f => string.IsNullOrEmpty(type) || f.FolderType == type), f => ApiJson.Folder(f));
    }
}
