using System.Linq;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary><c>GET /me</c> and <c>GET /me/organizations</c>.</summary>
internal static class MeApi
{
    public static void Map(ApiRoutes r)
    {
        r.Root("GET", "/api/me", Me);
        r.Root("GET", "/api/me/organizations", MyOrganizations);
    }

    private static ApiResult Me(ApiCall c) => ApiResult.Ok(ApiJson.Wrap(ApiJson.Me(c.User)));

    private static ApiResult MyOrganizations(ApiCall c)
    {
        var orgs = c.State.Orgs.Values.Where(o => o.Id == c.User.OrganizationId).ToList();
        return Paging.Page(c, orgs, o => new JsonObject { ["id"] = o.Id, ["name"] = o.Name, ["created_at"] = ApiJson.Time(o.CreatedAt) });
    }
}
