using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class ActivityTests : SharedSandboxTest
{
    public ActivityTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    private static string FeedPath(string org = MainOrg) => $"{OrgPath(org)}/activity-feeds";

    private static string Verb(JsonNode e) => (string)e["verb"]![0]!;

    [Fact]
    public async Task EveryChangeTheSandboxApplies_IsRecorded_WithTheActingUser()
    {
        var admin = Api();
        var standard = Api(Standard);
        long since = (long)(await GetOk(admin, FeedPath() + "?per_page=1"))["data"]![0]!["id"]!;
        var run = await Launched(standard, "Quarterly audit", "Audited");
        string runId = (string)run["id"]!;
        string taskId = (string)run["tasks"]!["data"]![0]!["id"]!;
        string template = (string)(await Template(admin, "Security incident"))["id"]!;
        await SeedHelpers.Data(Send(standard, HttpMethod.Put, $"{RunsPath()}/{runId}", new { name = "Audited again" }));
        await SeedHelpers.Data(Send(standard, HttpMethod.Put, $"{RunsPath()}/{runId}/tasks/{taskId}", new { title = "Collect the ledgers" }));
        await SeedHelpers.Data(Send(standard, HttpMethod.Post, $"{RunsPath()}/{runId}/completed-tasks", new { task_id = taskId }));
        await SeedHelpers.Data(Send(standard, HttpMethod.Delete, $"{RunsPath()}/{runId}/completed-tasks/{taskId}"));
        var thread = await SeedHelpers.Data(Send(standard, HttpMethod.Post, $"{TasksPath()}/{taskId}/comment", new { content = "Noted" }), HttpStatusCode.Created);
        await SeedHelpers.Data(Send(standard, HttpMethod.Put, $"{TasksPath()}/{taskId}/comment/{SeedHelpers.IdOf(thread["id"])}", new { content = "Noted!" }));
        await Send(standard, HttpMethod.Delete, $"{TasksPath()}/{taskId}/comment/{SeedHelpers.IdOf(thread["id"])}");
        var tag = await SeedHelpers.Data(Send(standard, HttpMethod.Post, $"{OrgPath()}/tags", new { title = "audited", color = "#123456" }), HttpStatusCode.Created);
        var association = await SeedHelpers.Data(Send(standard, HttpMethod.Post, $"{TemplatesPath()}/tags", new { subject_id = runId, subject_type = "Run", tag_id = (string)tag["id"]! }), HttpStatusCode.Created);
        await Send(standard, HttpMethod.Delete, $"{TemplatesPath()}/tags/{(string)association["id"]!}");
        await Send(standard, HttpMethod.Delete, $"{OrgPath()}/tags/{(string)tag["id"]!}");
        await Send(standard, HttpMethod.Delete, $"{TemplatesPath()}/{template}");
        await Send(standard, HttpMethod.Put, $"{TemplatesPath()}/{template}/restore");
        var oneOff = await SeedHelpers.Data(Send(standard, HttpMethod.Post, TasksPath(), new { title = "Water the plants" }), HttpStatusCode.Created);
        string oneOffId = (string)oneOff["id"]!;
        await Send(standard, HttpMethod.Delete, $"{TasksPath()}/{oneOffId}");
        await Send(standard, HttpMethod.Put, $"{TasksPath()}/{oneOffId}/restore");
        await Send(standard, HttpMethod.Delete, $"{TasksPath()}/{oneOffId}");
        await Send(admin, HttpMethod.Delete, $"{TasksPath()}/{oneOffId}/delete");
        await Send(standard, HttpMethod.Delete, $"{RunsPath()}/{runId}");
        await Send(standard, HttpMethod.Put, $"{RunsPath()}/{runId}/activate");
        await Send(standard, HttpMethod.Delete, $"{RunsPath()}/{runId}");
        await Send(admin, HttpMethod.Delete, $"{RunsPath()}/{runId}/delete");

        var feed = (await AllPages(admin, FeedPath(), "sort=created_at")).Where(e => (long)e["id"]! > since).ToList();
        var seen = feed.Select(e => $"{(string)e["auditable_type"]!} {Verb(e)} {(int)e["actor_id"]![0]!}").ToList();
        var expected = new List<string>
        {
            "run created 1002", "run updated 1002", "task updated 1002", "task completed 1002", "task uncompleted 1002",
            "thread commented 1002", "thread updated 1002", "thread deleted 1002", "tag created 1002", "run tagged 1002", "run untagged 1002",
            "tag deleted 1002", "checklist archived 1002", "checklist unarchived 1002", "task created 1002", "task archived 1002",
            "task unarchived 1002", "task archived 1002", "task deleted 1001", "run archived 1002", "run unarchived 1002",
            "run archived 1002", "run deleted 1001",
        };
        int at = 0;
        foreach (string e in seen)
        {
            if (at < expected.Count && e == expected[at])
            {
                at++;
            }
        }

        Assert.True(at == expected.Count, $"missing or out of order from \"{(at < expected.Count ? expected[at] : "")}\": {string.Join(" | ", seen)}");
        Assert.All(feed, e =>
        {
            Assert.Equal("user", (string)e["actor_type"]!);
            Assert.False(string.IsNullOrEmpty((string)e["description"]![0]!));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string)e["created_at"]!);
        });
    }

    [Fact]
    public async Task Entries_OutliveThePermanentDeletionOfTheirRun_SeenByAdminsOnly()
    {
        var admin = Api();
        var run = await Launched(Api(Standard), "Quarterly audit", "Short-lived");
        string id = (string)run["id"]!;
        await Send(admin, HttpMethod.Delete, $"{RunsPath()}/{id}");
        Assert.Equal(2, (await GetOk(Api(Standard), FeedPath() + "?entity_id=" + id))["data"]!.AsArray().Count);
        await Send(admin, HttpMethod.Delete, $"{RunsPath()}/{id}/delete");
        var forAdmin = (await GetOk(admin, FeedPath() + "?entity_id=" + id))["data"]!.AsArray();
        Assert.Equal(new[] { "deleted", "archived", "created" }, forAdmin.Select(e => Verb(e!)));
        var forStandard = (await GetOk(Api(Standard), FeedPath() + "?entity_id=" + id))["data"]!.AsArray();
        Assert.Equal(new[] { "deleted" }, forStandard.Select(e => Verb(e!)));
    }

    [Fact]
    public async Task Entries_ComeWithOneElementArrays_ForVerbActorAndDescription()
    {
        var e = (await GetOk(Api(), FeedPath() + "?per_page=1"))["data"]![0]!.AsObject();
        Assert.Equal(new[] { "id", "verb", "actor_type", "actor_id", "auditable_type", "auditable_id", "description", "field", "old_value", "text", "created_at" }, e.Select(kv => kv.Key));
        foreach (string f in new[] { "verb", "actor_id", "description" })
        {
            Assert.Single(Assert.IsType<JsonArray>(e[f]));
        }

        Assert.Equal(System.Text.Json.JsonValueKind.String, e["auditable_type"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, e["id"]!.GetValueKind());
    }

    [Fact]
    public async Task Feed_PagesByTwentyNewestFirst_AndSortsOldestFirstOnRequest()
    {
        var body = await GetOk(Api(), FeedPath());
        var data = body["data"]!.AsArray();
        Assert.Equal(20, data.Count);
        Assert.Equal(20, (int)body["meta"]!["pagination"]!["per_page"]!);
        var times = data.Select(e => (string)e!["created_at"]!).ToList();
        Assert.Equal(times.OrderByDescending(t => t, StringComparer.Ordinal), times);
        var asc = (await GetOk(Api(), FeedPath() + "?sort=created_at&per_page=100"))["data"]!.AsArray().Select(e => (string)e!["created_at"]!).ToList();
        Assert.Equal(asc.OrderBy(t => t, StringComparer.Ordinal), asc);
        Assert.Equal(times[0], (await GetOk(Api(), FeedPath() + "?sort=-created_at"))["data"]![0]!["created_at"]!.ToString());
        var (status, err, _) = await Send(Api(), HttpMethod.Get, FeedPath() + "?sort=verb");
        Assert422(status, err, "sort");
    }

    [Fact]
    public async Task Seed_HasTheHistoryOfTheNewestRunsAndOfTheTemplates_IncludingAutomaticArchiving()
    {
        var all = await AllPages(Api(), FeedPath());
        Assert.Contains(all, e => (string)e["auditable_type"]! == "checklist" && Verb(e) == "created");
        Assert.Contains(all, e => (string)e["auditable_type"]! == "checklist" && Verb(e) == "archived");
        Assert.Contains(all, e => (string)e["auditable_type"]! == "run" && Verb(e) == "completed");
        var newest = await FirstRun(Api(), "archived=true");
        Assert.Contains(all, e => (string)e["auditable_id"]! == (string)newest["id"]! && Verb(e) == "created");
        var big = await AllPages(Api(), FeedPath(), "entity_type=run");
        Assert.All(big, e => Assert.Equal("run", (string)e["auditable_type"]!));
    }

    [Fact]
    public async Task Filters_EntityTypeIdVerbActorIdAndActorEmail()
    {
        var c = Api();
        var run = await Launched(Api(Standard), "Quarterly audit");
        string id = (string)run["id"]!;
        await Send(Api(Light), HttpMethod.Post, $"{RunsPath()}/{id}/completed-tasks", new { task_id = (string)run["tasks"]!["data"]![0]!["id"]! });
        var all = await AllPages(c, FeedPath());
        async Task Check(string query, Func<JsonObject, bool> expected)
        {
            var got = await AllPages(c, FeedPath(), query);
            var want = all.Where(expected).Select(e => (long)e["id"]!).ToList();
            Assert.NotEmpty(want);
            Assert.Equal(want, got.Select(e => (long)e["id"]!));
        }

        await Check("entity_type=task", e => (string)e["auditable_type"]! == "task");
        await Check("entity_type=run&entity_id=" + id, e => (string)e["auditable_id"]! == id);
        await Check("verb=completed", e => Verb(e) == "completed");
        await Check("verb=created&entity_type=run", e => Verb(e) == "created" && (string)e["auditable_type"]! == "run");
        await Check("actor_id=1003", e => e["actor_id"]![0] is JsonNode a && (int)a == 1003);
        await Check("actor_email=MARCO.REYES@acme.example", e => e["actor_id"]![0] is JsonNode a && (int)a == 1002);
    }

    [Fact]
    public async Task Verb_IsOneVerbARequest_ACommaJoinedListMatchesNothing()
    {
        var c = Api();
        Assert.NotEmpty(await AllPages(c, FeedPath(), "verb=created"));
        Assert.Empty(await AllPages(c, FeedPath(), "verb=completed,created"));
    }

    [Fact]
    public async Task Filters_CreatedAfterAndBefore_AreDaysAndInclusive()
    {
        var c = Api();
        var all = await AllPages(c, FeedPath());
        string Day(JsonObject e) => ((string)e["created_at"]!).Substring(0, 10);
        string day = all.Select(Day).GroupBy(d => d).First(g => g.Count() >= 1 && g.Key.CompareTo("2026-01-01") < 0).Key;
        var onDay = await AllPages(c, FeedPath(), $"created_after={day}&created_before={day}");
        Assert.Equal(all.Where(e => Day(e) == day).Select(e => (long)e["id"]!), onDay.Select(e => (long)e["id"]!));
        var after = await AllPages(c, FeedPath(), "created_after=" + day);
        Assert.Equal(all.Where(e => string.CompareOrdinal(Day(e), day) >= 0).Select(e => (long)e["id"]!), after.Select(e => (long)e["id"]!));
        var before = await AllPages(c, FeedPath(), "created_before=" + day);
        Assert.Equal(all.Where(e => string.CompareOrdinal(Day(e), day) <= 0).Select(e => (long)e["id"]!), before.Select(e => (long)e["id"]!));
        foreach (string bad in new[] { "created_after=2026-13-01", "created_before=yesterday", "created_after=2026-01-01T00:00:00Z" })
        {
            var (status, body, _) = await Send(c, HttpMethod.Get, FeedPath() + "?" + bad);
            Assert422(status, body, bad.Split('=')[0]);
        }
    }

    [Fact]
    public async Task Feed_IsPerOrganization()
    {
        var other = await AllPages(Api(OtherAdmin), FeedPath(OtherOrg));
        Assert.NotEmpty(other);
        var mine = await AllPages(Api(), FeedPath());
        Assert.Empty(other.Select(e => (string)e["auditable_id"]!).Intersect(mine.Select(e => (string)e["auditable_id"]!)));
        var (status, _, _) = await Send(Api(), HttpMethod.Get, FeedPath(OtherOrg));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
