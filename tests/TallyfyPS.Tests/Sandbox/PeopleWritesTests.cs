using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>Member, guest and group writes: each endpoint, the group trap, seat billing, the default admin and the bot.</summary>
public sealed class PeopleWritesTests : OwnSandboxTest
{
    private const string FinanceTeam = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01";
    private const string CustomerSuccess = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d03";

    private static string Users => OrgPath() + "/users";

    private static string Groups => OrgPath() + "/groups";

    private static object Invitation(string email = "new.hire@acme.example", string role = "standard") =>
        new { email, first_name = "New", last_name = "Hire", role, message = "Welcome to Acme." };

    private async Task<JsonObject> MemberOf(int id) =>
        (await GetOk(Api(), Users)).AsObject()["data"]!.AsArray().Single(u => (int)u!["id"]! == id)!.AsObject();

    private async Task<JsonObject> GroupOf(string id) =>
        (await GetOk(Api(), Groups + "?per_page=100"))["data"]!.AsArray().Single(g => (string)g!["id"]! == id)!.AsObject();

    [Fact]
    public async Task Invite_AddsAnInvitedMemberWithANewId_AndAMemberEmailIs422()
    {
        var body = await Expect(HttpStatusCode.OK, Api(), HttpMethod.Post, Users + "/invite", Invitation(role: "Light"));
        var m = body!["data"]!;
        Assert.Equal(("new.hire@acme.example", "invited", "light"), ((string)m["email"]!, (string)m["status"]!, (string)m["role"]!));
        int id = (int)m["id"]!;
        Assert.DoesNotContain(id, new[] { 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 2001, 2002, 2003 });
        Assert.Equal("invited", (string)(await MemberOf(id))["status"]!);

        var (status, again, _) = await Send(Api(), HttpMethod.Post, Users + "/invite", Invitation("MARCO.reyes@acme.example"));
        Assert422(status, again, "email");
        var feed = await GetOk(Api(), OrgPath() + "/activity-feeds?verb=invited");
        Assert.Contains(feed["data"]!.AsArray(), e => e!.ToJsonString().Contains("new.hire@acme.example"));

        await Reset();
        Assert.DoesNotContain((await GetOk(Api(), Users))["data"]!.AsArray(), u => (string)u!["email"]! == "new.hire@acme.example");
    }

    [Fact]
    public async Task Invite_RequiresAllFiveFields_NamesUpTo32_MessageUpTo5000()
    {
        var (status, body, _) = await Send(Api(), HttpMethod.Post, Users + "/invite", new { email = "x@acme.example" });
        foreach (string f in new[] { "first_name", "last_name", "role", "message" })
        {
            Assert422(status, body, f);
        }

        (status, body, _) = await Send(Api(), HttpMethod.Post, Users + "/invite", new { email = "x@acme.example", first_name = new string('a', 33), last_name = "B", role = "owner", message = new string('m', 5001) });
        Assert422(status, body, "first_name");
        Assert422(status, body, "role");
        Assert422(status, body, "message");
    }

    [Fact]
    public async Task Writes_AreForAdminsOnly()
    {
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Post, Users + "/invite", Invitation()),
            (HttpMethod.Put, Users + "/1004/role", new { role = "admin" }),
            (HttpMethod.Delete, Users + "/1004/disable", null),
            (HttpMethod.Put, Users + "/1007/enable", null),
            (HttpMethod.Delete, Users + "/1004", null),
            (HttpMethod.Delete, Users + "/1007/delete", null),
            (HttpMethod.Delete, OrgPath() + "/guests/tom.baker%40contractors.example", null),
            (HttpMethod.Post, Groups, new { name = "X", description = "Y" }),
            (HttpMethod.Put, Groups + "/" + FinanceTeam, new { members = new[] { 1001 }, guests = new string[0] }),
            (HttpMethod.Delete, Groups + "/" + FinanceTeam, null),
        })
        {
            var (status, answer, _) = await Send(Api(Standard), method, path, body);
            AssertForbidden(status, answer);
        }

        Assert.Equal("active", (string)(await MemberOf(1004))["status"]!);
    }

    [Fact]
    public async Task Role_Disable_Enable_ChangeTheMember_AndAreLogged()
    {
        var since = await Log.LastSeqAsync();
        var m = (await Expect(HttpStatusCode.OK, Api(), HttpMethod.Put, Users + "/1004/role", new { role = "ADMIN" }))!["data"]!;
        Assert.Equal("admin", (string)m["role"]!);
        var (status, bad, _) = await Send(Api(), HttpMethod.Put, Users + "/1004/role", new { role = "boss" });
        Assert422(status, bad, "role");
        Assert.Equal("disabled", (string)(await Expect(HttpStatusCode.OK, Api(), HttpMethod.Delete, Users + "/1004/disable"))!["data"]!["status"]!);
        Assert.Equal("disabled", (string)(await MemberOf(1004))["status"]!);
        Assert.Equal("active", (string)(await Expect(HttpStatusCode.OK, Api(), HttpMethod.Put, Users + "/1004/enable"))!["data"]!["status"]!);
        Assert.Equal("invited", (string)(await Expect(HttpStatusCode.OK, Api(), HttpMethod.Put, Users + "/1006/enable"))!["data"]!["status"]!);
        AssertNotFound(await Status(HttpMethod.Delete, Users + "/2002/disable"), null, skipBody: true);

        var writes = (await Log.MutationsSinceAsync(since)).Select(e => (e.Method, e.Status)).ToList();
        Assert.Contains((HttpMethod.Put.Method, 200), writes);
        Assert.Contains((HttpMethod.Delete.Method, 200), writes);
        foreach (string verb in new[] { "disabled", "enabled", "updated" })
        {
            Assert.Contains((await GetOk(Api(), $"{OrgPath()}/activity-feeds?verb={verb}&per_page=100"))["data"]!.AsArray(), e => (string)e!["auditable_id"]! == "1004");
        }
    }

    private async Task<HttpStatusCode> Status(HttpMethod method, string path)
    {
        var (status, _, _) = await Send(Api(), method, path);
        return status;
    }

    private static void AssertNotFound(HttpStatusCode status, JsonNode? body, bool skipBody)
    {
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.True(skipBody || body is not null);
    }

    [Fact]
    public async Task Deactivate_Disables_AndRefusesTheDefaultAdminAndBots_With400()
    {
        var members = (await GetOk(Api(), Users))["data"]!.AsArray();
        Assert.True((bool)members.Single(u => (int)u!["id"]! == 1001)!["is_default_admin"]!);
        var bot = members.Single(u => (bool)u!["is_bot"]!)!;
        Assert.Equal(1011, (int)bot["id"]!);

        foreach (int id in new[] { 1001, 1011 })
        {
            var (status, body, _) = await Send(Api(), HttpMethod.Delete, $"{Users}/{id}");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True((bool)body!["error"]!);
            Assert.Equal("active", (string)(await MemberOf(id))["status"]!);
        }

        Assert.Equal("disabled", (string)(await Expect(HttpStatusCode.OK, Api(), HttpMethod.Delete, Users + "/1009"))!["data"]!["status"]!);
    }

    [Fact]
    public async Task Deactivate_WithReassignment_MovesEveryTaskOfTheMemberToOnePerson_AndNothingElse()
    {
        string Owned(int id) => $"owners={id}&archived=true&per_page=100";
        var before = await AllPages(Api(), TasksPath(), Owned(1002));
        var alreadyLiam = (await AllPages(Api(), TasksPath(), Owned(1004))).Select(t => (string)t["id"]!).ToHashSet();
        Assert.NotEmpty(before);
        var ownedRuns = (await AllRuns(Api())).Where(r => (int)r["owner_id"]! == 1002).Select(r => (string)r["id"]!).ToList();
        Assert.NotEmpty(ownedRuns);
        var marcoTask = before.First(t => t["owners"]!["guests"]!.AsArray().Count + t["owners"]!["users"]!.AsArray().Count > 1);
        var otherOwners = marcoTask["owners"]!["users"]!.AsArray().Select(u => (int)u!).Where(u => u != 1002).ToList();

        var (refused, refusal, _) = await Send(Api(), HttpMethod.Delete, $"{Users}/1002?with_reassignment=true&to=2002");
        Assert422(refused, refusal, "to");
        Assert.Equal("active", (string)(await MemberOf(1002))["status"]!);
        await Expect(HttpStatusCode.OK, Api(), HttpMethod.Delete, $"{Users}/1002?with_reassignment=true&to=1004");

        Assert.Empty(await AllPages(Api(), TasksPath(), Owned(1002)));
        var liam = (await AllPages(Api(), TasksPath(), Owned(1004))).Select(t => (string)t["id"]!).ToHashSet();
        Assert.Superset(before.Select(t => (string)t["id"]!).Concat(alreadyLiam).ToHashSet(), liam);
        Assert.Subset(liam, before.Select(t => (string)t["id"]!).ToHashSet());
        var moved = await GetOk(Api(), $"{TasksPath()}/{(string)marcoTask["id"]!}");
        Assert.Equal(otherOwners.Append(1004).Distinct().OrderBy(x => x), moved["data"]!["owners"]!["users"]!.AsArray().Select(u => (int)u!).OrderBy(x => x));
        Assert.Equal(marcoTask["owners"]!["guests"]!.ToJsonString(), moved["data"]!["owners"]!["guests"]!.ToJsonString());
        Assert.Equal(ownedRuns, (await AllRuns(Api())).Where(r => (int)r["owner_id"]! == 1002).Select(r => (string)r["id"]!).ToList());
        Assert.Equal("disabled", (string)(await MemberOf(1002))["status"]!);
    }

    [Fact]
    public async Task DeleteForGood_OnlyADisabledMember()
    {
        var (status, body, _) = await Send(Api(), HttpMethod.Delete, Users + "/1004/delete");
        Assert422(status, body, "user");
        await Expect(HttpStatusCode.OK, Api(), HttpMethod.Delete, Users + "/1007/delete");
        Assert.DoesNotContain((await GetOk(Api(), Users))["data"]!.AsArray(), u => (int)u!["id"]! == 1007);
        Assert.Equal(HttpStatusCode.NotFound, await Status(HttpMethod.Get, Users + "/1007"));
    }

    [Fact]
    public async Task SeatPool_Answers409WithThePool_ForInviteRoleChangeAndEnable()
    {
        // Acme holds full seats: 1001, 1002, 1004, 1005, 1008 (invited) = 5; light: 1003, 1006 (invited), 1009 = 3.
        await PutControl("_sandbox/limits", new { seatsFull = 5, seatsLight = 3 });
        async Task Exhausted(HttpMethod method, string path, object? body, string pool)
        {
            var (status, answer, _) = await Send(Api(), method, path, body);
            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.Equal("SEAT_POOL_EXHAUSTED", (string)answer!["error"]!["code"]!);
            Assert.False(string.IsNullOrEmpty((string?)answer["error"]!["message"]));
            Assert.Equal(pool, (string)answer["error"]!["details"]!["pool_type"]!);
        }

        await Exhausted(HttpMethod.Post, Users + "/invite", Invitation(), "full");
        await Exhausted(HttpMethod.Post, Users + "/invite", Invitation(role: "light"), "light");
        await Exhausted(HttpMethod.Put, Users + "/1003/role", new { role = "standard" }, "full");
        await Exhausted(HttpMethod.Put, Users + "/1007/enable", null, "full");
        await Expect(HttpStatusCode.OK, Api(), HttpMethod.Put, Users + "/1004/role", new { role = "admin" }); // same pool
        Assert.Equal("disabled", (string)(await MemberOf(1007))["status"]!);
        Assert.DoesNotContain((await GetOk(Api(), Users))["data"]!.AsArray(), u => (string)u!["email"]! == "new.hire@acme.example");

        await Expect(HttpStatusCode.OK, Api(), HttpMethod.Delete, Users + "/1004/disable"); // frees a full seat
        await Expect(HttpStatusCode.OK, Api(), HttpMethod.Put, Users + "/1007/enable");
        await Control.DeleteAsync("_sandbox/limits");
        await Expect(HttpStatusCode.OK, Api(), HttpMethod.Post, Users + "/invite", Invitation());
    }

    [Fact]
    public async Task RemoveGuest_DetachesItFromEveryTaskAndGroup_And422ForAnUnknownEmail()
    {
        const string olga = "olga.petrov@contoso.example";
        var hers = await AllPages(Api(), TasksPath(), "archived=true&per_page=100");
        Assert.Contains(hers, t => t["owners"]!["guests"]!.AsArray().Any(g => (string)g! == olga));
        await Expect(HttpStatusCode.OK, Api(), HttpMethod.Delete, OrgPath() + "/guests/olga.petrov%40contoso.example");
        Assert.DoesNotContain((await GetOk(Api(), OrgPath() + "/guests"))["data"]!.AsArray(), g => (string)g!["email"]! == olga);
        Assert.DoesNotContain(await AllPages(Api(), TasksPath(), "archived=true&per_page=100"), t => t["owners"]!["guests"]!.AsArray().Any(g => (string)g! == olga));
        Assert.DoesNotContain(olga, (await GroupOf(FinanceTeam))["guests"]!.AsArray().Select(g => (string)g!));
        var (status, body, _) = await Send(Api(), HttpMethod.Delete, OrgPath() + "/guests/nobody%40nowhere.example");
        Assert422(status, body, "email");
    }

    [Fact]
    public async Task CreateGroup_201_NameUniqueAndDescriptionRequired()
    {
        var g = (await Expect(HttpStatusCode.Created, Api(), HttpMethod.Post, Groups, new { name = "Auditors", description = "Outside eyes.", members = new[] { 1002, 1004 }, guests = new[] { "sam.lee@northwind.example" } }))!["data"]!;
        Assert.Equal(32, ((string)g["id"]!).Length);
        Assert.Equal("[1002,1004]", g["members"]!.ToJsonString());
        Assert.Equal("[\"sam.lee@northwind.example\"]", g["guests"]!.ToJsonString());

        var (status, body, _) = await Send(Api(), HttpMethod.Post, Groups, new { name = "finance TEAM", members = new[] { 9999 }, guests = new[] { "stranger@x.example" } });
        Assert422(status, body, "name");
        Assert422(status, body, "description");
        Assert422(status, body, "members");
        Assert422(status, body, "guests");
        (status, body, _) = await Send(Api(), HttpMethod.Post, Groups, new { name = new string('n', 201), description = "d" });
        Assert422(status, body, "name");
    }

    [Fact]
    public async Task UpdateGroup_Trap_AnOmittedListEmptiesIt_BothSentKeepThem()
    {
        var before = await GroupOf(FinanceTeam);
        Assert.NotEmpty(before["members"]!.AsArray());
        Assert.NotEmpty(before["guests"]!.AsArray());

        // Only the name: both lists are emptied (the trap).
        var g = (await Expect(HttpStatusCode.OK, Api(), HttpMethod.Put, Groups + "/" + FinanceTeam, new { name = "Finance" }))!["data"]!;
        Assert.Equal(("Finance", "[]", "[]"), ((string)g["name"]!, g["members"]!.ToJsonString(), g["guests"]!.ToJsonString()));
        Assert.Equal((string)before["description"]!, (string)g["description"]!);

        // Only members: the guests are emptied.
        var cs = await GroupOf(CustomerSuccess);
        g = (await Expect(HttpStatusCode.OK, Api(), HttpMethod.Put, Groups + "/" + CustomerSuccess, new { members = new[] { 1002 } }))!["data"]!;
        Assert.Equal(("[1002]", "[]"), (g["members"]!.ToJsonString(), g["guests"]!.ToJsonString()));

        // Both lists: exactly what was sent.
        g = (await Expect(HttpStatusCode.OK, Api(), HttpMethod.Put, Groups + "/" + CustomerSuccess, new { members = cs["members"], guests = cs["guests"] }))!["data"]!;
        Assert.Equal((cs["members"]!.ToJsonString(), cs["guests"]!.ToJsonString()), (g["members"]!.ToJsonString(), g["guests"]!.ToJsonString()));
        var (status, body, _) = await Send(Api(), HttpMethod.Put, Groups + "/" + CustomerSuccess, new { name = "Leadership", members = new int[0], guests = new string[0] });
        Assert422(status, body, "name");
        Assert.Equal(HttpStatusCode.NotFound, await Status(HttpMethod.Put, Groups + "/" + new string('0', 32)));
    }

    [Fact]
    public async Task DeleteGroup_204_AndTasksAndRunsLoseIt()
    {
        var runs = (await AllRuns(Api())).Where(r => r["groups"] is JsonArray a && a.Count > 0).ToList();
        string group = (string)runs.First()["groups"]![0]!;
        await Expect(HttpStatusCode.NoContent, Api(), HttpMethod.Delete, Groups + "/" + group);
        Assert.DoesNotContain((await GetOk(Api(), Groups + "?per_page=100"))["data"]!.AsArray(), g => (string)g!["id"]! == group);
        Assert.DoesNotContain(await AllPages(Api(), TasksPath(), "archived=true&per_page=100"), t => t["owners"]!["groups"]!.AsArray().Any(g => (string)g! == group));
        Assert.DoesNotContain(group, (await RawRun((string)runs.First()["id"]!))["groups"]!.AsArray().Select(g => (string)g!));
        Assert.Equal(HttpStatusCode.NotFound, await Status(HttpMethod.Delete, Groups + "/" + group));
    }
}
