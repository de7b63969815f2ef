using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class RunUpdateTests : SharedSandboxTest
{
    private const string FinanceTeam = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01";
    private const string Legal = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d06";

    public RunUpdateTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    private async Task<JsonNode> RunWithPeople(HttpClient c) => await Launched(c, "Quarterly audit", "Audit with people", (b, _) =>
    {
        b["users"] = new JsonArray(1001, 1002);
        b["groups"] = new JsonArray(FinanceTeam, Legal);
    });

    [Fact]
    public async Task Update_ChangesNameSummaryOwnerStarredAndPublic()
    {
        var c = Api(Standard);
        var run = await RunWithPeople(c);
        string id = (string)run["id"]!;
        var updated = await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{RunsPath()}/{id}", new
        {
            name = "Renamed audit",
            summary = "New summary",
            owner_id = 1004,
            starred = true,
            is_public = true,
            users = new[] { 1001, 1002 },
            groups = new[] { FinanceTeam, Legal },
        }));
        Assert.Equal(("Renamed audit", "New summary", 1004, true, true), ((string)updated["name"]!, (string)updated["summary"]!, (int)updated["owner_id"]!, (bool)updated["starred"]!, (bool)updated["is_public"]!));
        var stored = await RawRun(id);
        Assert.Equal(("Renamed audit", 1004), ((string)stored["name"]!, (int)stored["ownerId"]!));
        Assert.Equal("Renamed audit", (string)(await GetOk(c, $"{RunsPath()}/{id}"))["data"]!["name"]!);
        Assert.NotEqual((string)run["last_updated"]!, (string)updated["last_updated"]!);
    }

    [Fact]
    public async Task Update_WithoutUsersOrGroups_RemovesEveryMemberAndGroupOfTheRun()
    {
        var c = Api();
        var run = await RunWithPeople(c);
        string id = (string)run["id"]!;
        Assert.Equal(2, (await RawRun(id))["users"]!.AsArray().Count);

        var renamed = await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{RunsPath()}/{id}", new { name = "Just a rename" }));
        Assert.Empty(renamed["users"]!.AsArray());
        Assert.Empty(renamed["groups"]!.AsArray());
        var stored = await RawRun(id);
        Assert.Empty(stored["users"]!.AsArray());
        Assert.Empty(stored["groups"]!.AsArray());
    }

    [Fact]
    public async Task Update_ThatSendsUsersAndGroupsBack_KeepsThem()
    {
        var c = Api();
        var run = await RunWithPeople(c);
        string id = (string)run["id"]!;
        var renamed = await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{RunsPath()}/{id}", new { name = "A careful rename", users = run["users"], groups = run["groups"] }));
        Assert.Equal(run["users"]!.ToJsonString(), renamed["users"]!.ToJsonString());
        Assert.Equal(run["groups"]!.ToJsonString(), renamed["groups"]!.ToJsonString());
        Assert.Equal("[1001,1002]", (await RawRun(id))["users"]!.ToJsonString());
    }

    [Fact]
    public async Task Update_Prerun_ChangesTheFieldsSent_DropsUnknownKeys_AndChecksShapes()
    {
        var c = Api();
        var template = await Template(c, "Employee onboarding");
        var run = await Launched(c, "Employee onboarding");
        string id = (string)run["id"]!;
        string equipment = (string)SeedHelpers.KickoffField(template, "Equipment")["id"]!;
        string startDate = (string)SeedHelpers.KickoffField(template, "Start date")["id"]!;
        var before = (await RawRun(id))["prerun"]!.AsObject();
        var value = SeedHelpers.SampleValue(SeedHelpers.KickoffField(template, "Equipment"));
        var updated = await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{RunsPath()}/{id}", new JsonObject
        {
            ["users"] = run["users"]!.DeepClone(),
            ["groups"] = run["groups"]!.DeepClone(),
            ["prerun"] = new JsonObject { [equipment] = value.DeepClone(), ["Equipment"] = "ignored", ["not-a-field"] = 1 },
        }.ToJsonString()));
        Assert.Equal(value.ToJsonString(), updated["prerun"]![equipment]!.ToJsonString());
        var stored = (await RawRun(id))["prerun"]!.AsObject();
        Assert.Equal(value.ToJsonString(), stored[equipment]!.ToJsonString());
        Assert.Equal(before[startDate]!.ToJsonString(), stored[startDate]!.ToJsonString());
        Assert.Equal(before.Count, stored.Count);

        var (status, body, _) = await Send(c, HttpMethod.Put, $"{RunsPath()}/{id}", new JsonObject { ["prerun"] = new JsonObject { [startDate] = "" } }.ToJsonString());
        Assert.Equal("Start date is required", Assert422(status, body, "prerun." + startDate));
        (status, body, _) = await Send(c, HttpMethod.Put, $"{RunsPath()}/{id}", new JsonObject { ["prerun"] = new JsonObject { [equipment] = "Laptop" } }.ToJsonString());
        Assert422(status, body, "prerun." + equipment);
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"owner_id\":424242}", "owner_id")]
    [InlineData("{\"owner_id\":2001}", "owner_id")]
    [InlineData("{\"users\":[1001,424242]}", "users.1")]
    [InlineData("{\"users\":\"1001\"}", "users")]
    [InlineData("{\"groups\":[\"nope\"]}", "groups.0")]
    public async Task Update_RefusesInvalidValues_AndChangesNothing(string json, string field)
    {
        var c = Api();
        var run = await RunWithPeople(c);
        string id = (string)run["id"]!;
        var (status, body, _) = await Send(c, HttpMethod.Put, $"{RunsPath()}/{id}", json);
        Assert422(status, body, field);
        var stored = await RawRun(id);
        Assert.Equal(("Audit with people", "[1001,1002]"), ((string)stored["name"]!, stored["users"]!.ToJsonString()));
    }

    [Fact]
    public async Task Update_IsRefusedToLightMembers_OnArchivedRuns_And404ForUnknownRuns()
    {
        var archived = await FirstRun(Api(), "archived=only");
        var (status, body, _) = await Send(Api(), HttpMethod.Put, $"{RunsPath()}/{(string)archived["id"]!}", new { name = "x" });
        AssertForbidden(status, body);
        var live = await FirstRun(Api(), "status=active");
        (status, body, _) = await Send(Api(Light), HttpMethod.Put, $"{RunsPath()}/{(string)live["id"]!}", new { name = "x" });
        AssertForbidden(status, body);
        Assert.Equal((string)live["name"]!, (string)(await RawRun((string)live["id"]!))["name"]!);
        (status, body, _) = await Send(Api(), HttpMethod.Put, $"{RunsPath()}/0123456789abcdef0123456789abcdef", new { name = "x" });
        AssertNotFound(status, body);
    }

    [Fact]
    public async Task Runs_CarryUsersAndGroupsInEveryAnswer()
    {
        var c = Api();
        var run = await RunWithPeople(c);
        string id = (string)run["id"]!;
        var answers = new[]
        {
            run,
            (await GetOk(c, $"{RunsPath()}/{id}"))["data"]!,
            (await FirstRun(c, "q=Audit%20with%20people"))!,
            (await SeedHelpers.Data(Send(c, HttpMethod.Delete, $"{RunsPath()}/{id}"))),
            (await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{RunsPath()}/{id}/activate"))),
            (await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{RunsPath()}/{id}", new { users = new[] { 1001, 1002 }, groups = new[] { FinanceTeam, Legal } }))),
        };
        Assert.All(answers, a =>
        {
            Assert.Equal("[1001,1002]", a["users"]!.ToJsonString());
            Assert.Equal($"[\"{FinanceTeam}\",\"{Legal}\"]", a["groups"]!.ToJsonString());
        });
        Assert.All(await AllRuns(c), r => { Assert.IsType<JsonArray>(r["users"]); Assert.IsType<JsonArray>(r["groups"]); });
        Assert.Contains(await AllRuns(c), r => r["groups"]!.AsArray().Count > 0 && (string)r["name"]! != "Audit with people"); // seeded runs have groups too
    }

    [Fact]
    public async Task Update_IsRecordedFieldByField_InTheActivityFeed()
    {
        var c = Api(Standard);
        var run = await RunWithPeople(c);
        string id = (string)run["id"]!;
        await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{RunsPath()}/{id}", new { name = "Audit, renamed" }));
        var feed = (await GetOk(Api(), $"{OrgPath()}/activity-feeds?entity_id={id}&verb=updated"))["data"]!.AsArray();
        var byField = feed.ToDictionary(e => (string)e!["field"]!, e => e!);
        Assert.Equal(new[] { "groups", "name", "users" }, byField.Keys.OrderBy(k => k));
        Assert.Equal("Audit with people", (string)byField["name"]["old_value"]!);
        Assert.Equal("Audit, renamed", (string)byField["name"]["text"]!);
        Assert.Equal("1001,1002", (string)byField["users"]["old_value"]!);
        Assert.All(feed, e => Assert.Equal(1002, (int)e!["actor_id"]![0]!));
    }
}
