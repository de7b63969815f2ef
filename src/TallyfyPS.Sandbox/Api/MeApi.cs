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

    /// <summary>Whether a user belongs to an organization: their own, and with the switch <c>sharedMembership</c> the main administrator to the other too.</summary>
    public static bool BelongsTo(User user, string orgId, SwitchSettings switches) =>
        orgId == user.OrganizationId ||
        (switches.SharedMembership && user.Id == 1001 && orgId == SandboxState.OtherOrgId);

    private static ApiResult Me(ApiCall c) => ApiResult.Ok(ApiJson.Wrap(ApiJson.Me(c.User)));

    private static ApiResult MyOrganizations(ApiCall c)
    {
        var orgs = c.State.Orgs.Values.Where(o => MeApi.BelongsTo(c.User, o.Id, c.Switches)).OrderBy(o => o.CreatedAt).ToList();
        return Paging.Page(c, orgs, o => new JsonObject { ["id"] = o.Id, ["name"] = o.Name, ["created_at"] = ApiJson.Time(o.CreatedAt) });
    }
}
