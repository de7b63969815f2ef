using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>GET /me/organizations, and the switch sharedMembership (the main administrator belongs to both organizations).</summary>
public sealed class SharedMembershipTests : OwnSandboxTest
{
    [Fact]
    public async Task A_user_belongs_to_one_organization_by_default()
    {
        var orgs = await GetOk(Api(Admin), "api/me/organizations");
        Assert.Equal(new[] { MainOrg }, orgs["data"]!.AsArray().Select(o => (string)o!["id"]!).ToArray());
        var (status, _, _) = await Send(Api(Admin), HttpMethod.Get, RunsPath(OtherOrg));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task With_sharedMembership_the_main_administrator_lists_and_reaches_both()
    {
        using (var sw = await Control.PutAsync("_sandbox/switches", JsonBody(new { sharedMembership = true })))
        {
            Assert.Equal(HttpStatusCode.OK, sw.StatusCode);
        }

        var orgs = await GetOk(Api(Admin), "api/me/organizations");
        Assert.Equal(new[] { MainOrg, OtherOrg }, orgs["data"]!.AsArray().Select(o => (string)o!["id"]!).ToArray());
        Assert.NotNull(await GetOk(Api(Admin), RunsPath(OtherOrg)));
        var others = await GetOk(Api(OtherAdmin), "api/me/organizations");
        Assert.Equal(new[] { OtherOrg }, others["data"]!.AsArray().Select(o => (string)o!["id"]!).ToArray());
        var (status, _, _) = await Send(Api(OtherAdmin), HttpMethod.Get, RunsPath(MainOrg));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
