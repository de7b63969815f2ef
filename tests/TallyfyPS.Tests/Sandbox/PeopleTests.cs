using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class PeopleTests : SharedSandboxTest
{
    public PeopleTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Members_WithoutPerPage_AllComeOnOnePageOf9999()
    {
        var body = await GetOk(Api(), $"{OrgPath()}/users");
        var p = body["meta"]!["pagination"]!;
        Assert.Equal((9999, 11, 11, 1), ((int)p["per_page"]!, (int)p["total"]!, (int)p["count"]!, (int)p["total_pages"]!));
        Assert.Equal(Enumerable.Range(1001, 11), body["data"]!.AsArray().Select(u => (int)u!["id"]!));
        var paged = await GetOk(Api(), $"{OrgPath()}/users?per_page=4&page=3");
        Assert.Equal(new[] { 1009, 1010, 1011 }, paged["data"]!.AsArray().Select(u => (int)u!["id"]!));
    }

    [Fact]
    public async Task Members_HaveEveryField_RolesInMixedCase_AndEveryStatus()
    {
        var data = (await GetOk(Api(), $"{OrgPath()}/users"))["data"]!.AsArray();
        var u = data[0]!.AsObject();
        foreach (string f in new[] { "id", "email", "username", "first_name", "last_name", "full_name", "role", "status", "last_login_at", "timezone" })
        {
            Assert.True(u.ContainsKey(f), "missing " + f);
        }

        var roles = data.Select(x => (string)x!["role"]!).ToList();
        Assert.Equal(new[] { "admin", "light", "standard" }, roles.Select(r => r.ToLowerInvariant()).Distinct().OrderBy(r => r));
        Assert.Contains(roles, r => r != r.ToLowerInvariant());
        Assert.Contains(roles, r => r == r.ToLowerInvariant());
        Assert.Equal(new[] { "active", "disabled", "invited" }, data.Select(x => (string)x!["status"]!).Distinct().OrderBy(s => s));
        Assert.All(data.Where(x => (string)x!["status"]! == "invited"), x => Assert.Null(x!["last_login_at"]));
        Assert.Equal("Liam O'Connor", (string)data.Single(x => (int)x!["id"]! == 1004)!["full_name"]!);
    }

    [Theory]
    [InlineData(Admin, "dana.whitfield@acme.example", 1001, "admin")]
    [InlineData(Standard, "marco.reyes@acme.example", 1002, "standard")]
    [InlineData(Light, "priya.natarajan@acme.example", 1003, "light")]
    [InlineData(OtherAdmin, "hank.scorpio@globex.example", 2001, "admin")]
    public async Task Members_QByEmail_FindsEachIdentity_WithItsRole(string token, string email, int id, string role)
    {
        var me = (await GetOk(Api(token), "api/me"))["data"]!;
        string org = (await GetOk(Api(token), "api/me/organizations"))["data"]![0]!["id"]!.ToString();
        var found = (await GetOk(Api(token), $"{OrgPath(org)}/users?q={System.Uri.EscapeDataString((string)me["email"]!)}"))["data"]!.AsArray();
        var u = Assert.Single(found)!;
        Assert.Equal((id, email, role), ((int)u["id"]!, (string)u["email"]!, ((string)u["role"]!).ToLowerInvariant()));
    }

    [Fact]
    public async Task Members_QMatchesNamesAndEmails_CaseInsensitively()
    {
        async Task<int[]> Ids(string q) => (await GetOk(Api(), $"{OrgPath()}/users?q={q}"))["data"]!.AsArray().Select(u => (int)u!["id"]!).ToArray();
        Assert.Equal(new[] { 1004 }, await Ids("o%27connor"));
        Assert.Equal(new[] { 1005 }, await Ids("SOFIA"));
        Assert.Equal(new[] { 1009 }, await Ids("ines.duarte@"));
        Assert.Empty(await Ids("hank")); // another organization's member
    }

    [Fact]
    public async Task Members_WithGroups_ListTheirGroups()
    {
        var data = (await GetOk(Api(), $"{OrgPath()}/users?with=groups"))["data"]!.AsArray();
        var dana = data.Single(u => (int)u!["id"]! == 1001)!;
        Assert.Equal(new[] { "Finance team", "Leadership" }, dana["groups"]!["data"]!.AsArray().Select(g => (string)g!["name"]!));
        Assert.Empty(data.Single(u => (int)u!["id"]! == 1010)!["groups"]!["data"]!.AsArray());
        Assert.False((await GetOk(Api(), $"{OrgPath()}/users"))["data"]![0]!.AsObject().ContainsKey("groups"));
    }

    [Fact]
    public async Task Member_IsReadableByAdminsOnly()
    {
        var u = await SeedHelpers.Data(Send(Api(), HttpMethod.Get, $"{OrgPath()}/users/1007"));
        Assert.Equal(("amara.okafor@acme.example", "disabled"), ((string)u["email"]!, (string)u["status"]!));
        foreach (string token in new[] { Standard, Light })
        {
            var (status, body, _) = await Send(Api(token), HttpMethod.Get, $"{OrgPath()}/users/1001");
            AssertForbidden(status, body);
        }

        foreach (string id in new[] { "424242", "2001", "abc" })
        {
            var (status, body, _) = await Send(Api(), HttpMethod.Get, $"{OrgPath()}/users/{id}");
            AssertNotFound(status, body);
        }
    }

    [Fact]
    public async Task Guests_AreListed_AndQIsTheirEmail()
    {
        var all = (await GetOk(Api(), $"{OrgPath()}/guests"))["data"]!.AsArray();
        Assert.Equal(4, all.Count);
        var g = all[0]!.AsObject();
        Assert.Equal(new[] { "email", "first_name", "last_name", "company_name", "created_at" }, g.Select(kv => kv.Key));
        var found = (await GetOk(Api(Light), $"{OrgPath()}/guests?q=northwind"))["data"]!.AsArray();
        Assert.Equal("sam.lee@northwind.example", (string)Assert.Single(found)!["email"]!);
        Assert.Empty((await GetOk(Api(), $"{OrgPath()}/guests?q=Traders"))["data"]!.AsArray()); // q is the email, not the company
        Assert.Single((await GetOk(Api(OtherAdmin), $"{OrgPath(OtherOrg)}/guests"))["data"]!.AsArray());
    }

    [Fact]
    public async Task Groups_HaveMemberIdsAndGuestEmails_WithUsersAndGuestsOnRequest()
    {
        var plain = (await GetOk(Api(), $"{OrgPath()}/groups"))["data"]!.AsArray();
        Assert.Equal(6, plain.Count);
        var finance = plain.Single(g => (string)g!["name"]! == "Finance team")!.AsObject();
        Assert.Matches("^[0-9a-f]{32}$", (string)finance["id"]!);
        Assert.Equal("[1001,1002,1005]", finance["members"]!.ToJsonString());
        Assert.Equal("[\"olga.petrov@contoso.example\"]", finance["guests"]!.ToJsonString());
        Assert.False(finance.ContainsKey("users"));
        var rich = (await GetOk(Api(), $"{OrgPath()}/groups?with=users,guests&q=FINANCE"))["data"]!.AsArray();
        var g = Assert.Single(rich)!;
        Assert.Equal(new[] { "dana.whitfield@acme.example", "marco.reyes@acme.example", "sofia.rossi@acme.example" }, g["users"]!["data"]!.AsArray().Select(u => (string)u!["email"]!));
        Assert.Equal("Contoso Audit LLP", (string)g["guest_details"]!["data"]![0]!["company_name"]!);
        var page = await GetOk(Api(), $"{OrgPath()}/groups?per_page=500");
        Assert.Equal(100, (int)page["meta"]!["pagination"]!["per_page"]!);
        Assert.Equal(2, (await GetOk(Api(), $"{OrgPath()}/groups?per_page=4&page=2"))["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task People_OfAnotherOrganization_Are403()
    {
        foreach (string path in new[] { "users", "users/2001", "guests", "groups" })
        {
            var (status, body, _) = await Send(Api(), HttpMethod.Get, $"{OrgPath(OtherOrg)}/{path}");
            Assert.Equal(HttpStatusCode.Forbidden, status);
            AssertError(body, "You do not have access to this organization.");
        }
    }
}
