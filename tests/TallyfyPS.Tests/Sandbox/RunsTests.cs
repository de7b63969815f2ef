using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class RunsTests : SharedSandboxTest
{
    private static readonly Regex IdPattern = new Regex("^[0-9a-f]{32}$");
    private static readonly Regex TimePattern = new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");

    public RunsTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task List_DefaultPage_HasEnvelopeAndRunFields()
    {
        var body = await GetOk(Api(), RunsPath());
        var data = body["data"]!.AsArray();
        Assert.Equal(10, data.Count);
        var p = body["meta"]!["pagination"]!;
        int total = (int)p["total"]!;
        Assert.InRange(total, 40, 59); // 60 runs minus the archived ones
        Assert.Equal(10, (int)p["count"]!);
        Assert.Equal(10, (int)p["per_page"]!);
        Assert.Equal(1, (int)p["current_page"]!);
        Assert.Equal((total + 9) / 10, (int)p["total_pages"]!);
        string next = (string)p["links"]!["next"]!;
        Assert.StartsWith(Server.BaseAddress.ToString(), next);
        Assert.Contains("page=2", next);
        Assert.Null(p["links"]!["previous"]);

        var run = data[0]!.AsObject();
        foreach (string f in new[] { "id", "increment_id", "checklist_id", "checklist_title", "name", "summary", "status", "progress", "started_by", "owner_id", "prerun", "starred", "is_public", "type", "parent_id", "created_at", "started_at", "last_updated", "completed_at", "archived_at", "due_date", "due_date_passed", "late_tasks", "users", "groups" })
        {
            Assert.True(run.ContainsKey(f), "missing field " + f);
        }

        Assert.Matches(IdPattern, (string)run["id"]!);
        Assert.Matches(IdPattern, (string)run["checklist_id"]!);
        Assert.Matches(TimePattern, (string)run["created_at"]!);
        Assert.Null(run["archived_at"]);
        Assert.False(run.ContainsKey("tasks"));
        var progress = run["progress"]!;
        Assert.Equal((int)Math.Round(100.0 * (int)progress["complete"]! / (int)progress["total"]!), (int)progress["percent"]!);
        Assert.IsType<JsonObject>(run["prerun"]);

        // Default sort: created_at descending.
        var created = data.Select(r => DateTime.Parse((string)r!["created_at"]!)).ToList();
        Assert.Equal(created.OrderByDescending(x => x).ToList(), created);
    }

    [Fact]
    public async Task SeedData_HasStatusMixTagsAndArchivedRuns()
    {
        var all = await AllRuns(Api(), "archived=true&with=ko_form_fields");
        Assert.Equal(60, all.Count);
        var statuses = all.Where(r => r["archived_at"] is null).Select(r => (string)r["status"]!).ToHashSet();
        Assert.Superset(new System.Collections.Generic.HashSet<string> { "active", "complete", "problem", "delayed" }, statuses);
        Assert.Contains(all, r => r["archived_at"] is not null);
        Assert.True(all.Select(r => (string)r["checklist_id"]!).Distinct().Count() >= 4);
        string Department(JsonObject r) => (string)r["ko_form_fields"]!["data"]!.AsArray().Single(k => (string)k!["alias"]! == "department")!["field_value"]!["text"]!;
        Assert.All(all, r => Assert.Equal($"{(string)r["checklist_title"]!} - {Department(r)} #{(int)r["increment_id"]!}", (string)r["name"]!));
        Assert.All(all.Where(r => (string)r["status"]! == "complete"), r => Assert.NotNull(r["completed_at"]));
        var owners = all.Select(r => (int)r["owner_id"]!).ToHashSet();
        Assert.Subset(new System.Collections.Generic.HashSet<int> { 1001, 1002, 1003 }, owners);
    }

    [Fact]
    public async Task Paging_PerPageCappedAndValidated_PastTheEnd()
    {
        var body = await GetOk(Api(), RunsPath() + "?per_page=500");
        Assert.Equal(100, (int)body["meta"]!["pagination"]!["per_page"]!);
        foreach (string bad in new[] { "per_page=abc", "per_page=0", "per_page=-5", "page=0", "page=x" })
        {
            var (status, err, _) = await Send(Api(), HttpMethod.Get, RunsPath() + "?" + bad);
            Assert422(status, err, bad.Split('=')[0]);
        }

        var past = await GetOk(Api(), RunsPath() + "?per_page=20&page=9");
        Assert.Empty(past["data"]!.AsArray());
        var p = past["meta"]!["pagination"]!;
        Assert.Equal(9, (int)p["current_page"]!);
        Assert.Equal(0, (int)p["count"]!);
        Assert.Equal(((int)p["total"]! + 19) / 20, (int)p["total_pages"]!);
    }

    [Theory]
    [InlineData("empty-array")]
    [InlineData("empty-object")]
    [InlineData("null")]
    [InlineData("absent")]
    public async Task Paging_FollowsNextLinks_LastPageLinksPerSwitch(string mode)
    {
        await SetSwitches(new { lastPageLinks = mode });
        var c = Api();
        string? url = Server.ApiBaseAddress + $"organizations/{MainOrg}/runs?per_page=7&archived=true&sort=name";
        var ids = new System.Collections.Generic.List<string>();
        int pages = 0;
        JsonNode? last = null;
        while (url is not null)
        {
            var body = await GetOk(c, url);
            pages++;
            ids.AddRange(body["data"]!.AsArray().Select(r => (string)r!["id"]!));
            var p = body["meta"]!["pagination"]!.AsObject();
            last = p;
            if ((int)p["current_page"]! < (int)p["total_pages"]!)
            {
                url = (string)p["links"]!["next"]!;
                Assert.Contains("per_page=7", url);
                Assert.Contains("archived=true", url);
                Assert.Contains("sort=name", url);
                if (pages > 1)
                {
                    Assert.Contains($"page={pages - 1}", (string)p["links"]!["previous"]!);
                }
            }
            else
            {
                url = null;
            }
        }

        Assert.Equal(9, pages);
        Assert.Equal(60, ids.Count);
        Assert.Equal(60, ids.Distinct().Count());
        var lastP = last!.AsObject();
        switch (mode)
        {
            case "empty-array":
                Assert.IsType<JsonArray>(lastP["links"]);
                Assert.Empty(lastP["links"]!.AsArray());
                break;
            case "empty-object":
                Assert.IsType<JsonObject>(lastP["links"]);
                Assert.Empty(lastP["links"]!.AsObject());
                break;
            case "null":
                Assert.True(lastP.ContainsKey("links"));
                Assert.Null(lastP["links"]);
                break;
            default:
                Assert.False(lastP.ContainsKey("links"));
                break;
        }
    }

    [Fact]
    public async Task Filters_Status_Archived_Owners_Checklist_Tag_Q_Type()
    {
        var c = Api();
        var all = await AllRuns(c);
        async Task Check(string query, Func<JsonObject, bool> expected)
        {
            var got = await AllRuns(c, query);
            var want = all.Where(expected).Select(r => (string)r["id"]!).OrderBy(x => x).ToList();
            Assert.Equal(want, got.Select(r => (string)r["id"]!).OrderBy(x => x).ToList());
        }

        bool Live(JsonObject r) => r["archived_at"] is null;
        await Check("status=active", r => Live(r) && (string)r["status"]! == "active");
        await Check("status=problem,delayed", r => Live(r) && (string)r["status"]! is "problem" or "delayed");
        await Check("status=archived", r => !Live(r));
        await Check("archived=only", r => !Live(r));
        await Check("archived=true", r => true);
        await Check("status=starred", r => Live(r) && (bool)r["starred"]!);
        await Check("owners=1002,1003", r => Live(r) && (int)r["owner_id"]! is 1002 or 1003);
        string checklist = (string)all[0]["checklist_id"]!;
        await Check("checklist_id=" + checklist, r => Live(r) && (string)r["checklist_id"]! == checklist);
        await Check("blueprint_id=" + checklist, r => Live(r) && (string)r["checklist_id"]! == checklist);
        await Check("q=AUDIT", r => Live(r) && ((string)r["name"]!).Contains("audit", StringComparison.OrdinalIgnoreCase));
        await Check("type=form", r => Live(r) && (string)r["type"]! == "form");

        var tagged = await AllRuns(c, "archived=true&with=tags");
        var finance = tagged.Where(r => Live(r) && r["tags"]!["data"]!.AsArray().Any(t => (string)t!["title"]! == "finance")).Select(r => (string)r["id"]!).OrderBy(x => x).ToList();
        Assert.NotEmpty(finance);
        var got = await AllRuns(c, "tag=finance");
        Assert.Equal(finance, got.Select(r => (string)r["id"]!).OrderBy(x => x).ToList());
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("created_at")]
    [InlineData("-created_at")]
    [InlineData("last_updated")]
    [InlineData("-last_updated")]
    public async Task Sort_IsDeterministicAndOrdered(string sort)
    {
        var a = await AllRuns(Api(), "archived=true&sort=" + sort);
        var b = await AllRuns(Api(), "archived=true&sort=" + sort);
        Assert.Equal(a.Select(r => (string)r["id"]!), b.Select(r => (string)r["id"]!));
        string key = sort.TrimStart('-');
        var values = a.Select(r => (string)r[key]!).ToList();
        var sorted = sort.StartsWith('-')
            ? values.OrderByDescending(x => x, StringComparer.OrdinalIgnoreCase).ToList()
            : values.OrderBy(x => x, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.Equal(sorted, values);
        var (status, body, _) = await Send(Api(), HttpMethod.Get, RunsPath() + "?sort=bogus");
        Assert422(status, body, "sort");
    }

    [Fact]
    public async Task GetOne_WithRelations()
    {
        var c = Api();
        var first = await FirstRun(c, "status=problem");
        string id = (string)first["id"]!;
        var body = await GetOk(c, $"{RunsPath()}/{id}?with=checklist,tasks,tags,form_fields,ko_form_fields,next_task,tasks.threads,tasks.form_fields,tasks_meta,stages,folders,permissions,assets");
        var run = body["data"]!;
        Assert.Equal(id, (string)run["id"]!);
        Assert.Equal((string)run["checklist_id"]!, (string)run["checklist"]!["data"]!["id"]!);
        Assert.Equal((string)run["checklist_title"]!, (string)run["checklist"]!["data"]!["title"]!);
        var tasks = run["tasks"]!["data"]!.AsArray();
        Assert.InRange(tasks.Count, 3, 5);
        Assert.Equal((int)run["progress"]!["total"]!, tasks.Count);
        Assert.Equal((int)run["progress"]!["complete"]!, tasks.Count(t => (string)t!["status"]! == "completed"));
        Assert.All(tasks, t =>
        {
            Assert.Equal(id, (string)t!["run_id"]!);
            Assert.NotNull(t["threads"]!["data"]);
            Assert.NotEmpty(t["form_fields"]!["data"]!.AsArray());
        });
        Assert.Contains(tasks, t => t!["threads"]!["data"]!.AsArray().Any(th => (string)th!["label"]! == "problem"));
        Assert.IsType<JsonArray>(run["tags"]!["data"]);
        Assert.NotEmpty(run["form_fields"]!["data"]!.AsArray());
        var ko = run["ko_form_fields"]!["data"]!.AsArray();
        Assert.Equal(run["checklist"]!["data"]!["prerun"]!.AsArray().Select(k => (string)k!["id"]!), ko.Select(k => (string)k!["id"]!));
        var department = ko.Single(k => (string)k!["alias"]! == "department")!;
        Assert.Equal(run["prerun"]![(string)department["id"]!]!.ToJsonString(), department["field_value"]!.ToJsonString());
        Assert.Equal(tasks.First(t => (string)t!["status"]! != "completed")!["id"]!.ToString(), (string)run["next_task"]!["data"]!["id"]!);
        Assert.Equal(tasks.Count, (int)run["tasks_meta"]!["data"]!["total"]!);
        Assert.NotNull(run["stages"]!["data"]);
        Assert.NotNull(run["permissions"]!["data"]);
    }

    [Fact]
    public async Task Launch_Creates201_AndValidates()
    {
        var c = Api(Standard);
        var template = await Template(c, "Quarterly audit");
        string checklist = (string)template["id"]!;
        string requestedBy = (string)SeedHelpers.KickoffField(template, "Requested by")["id"]!;
        var (status, body, _) = await Launch(c, "Quarterly audit", "Launched by test", (b, _) =>
        {
            b["summary"] = "s";
            b["prerun"]![requestedBy] = "Test";
        });
        Assert.Equal(HttpStatusCode.Created, status);
        var run = body!["data"]!;
        Assert.Matches(IdPattern, (string)run["id"]!);
        Assert.Equal("Launched by test", (string)run["name"]!);
        Assert.Equal(checklist, (string)run["checklist_id"]!);
        Assert.Equal("active", (string)run["status"]!);
        Assert.Equal(1002, (int)run["started_by"]!);
        Assert.Equal("Test", (string)run["prerun"]![requestedBy]!);
        Assert.Null(run["archived_at"]);
        var first = await FirstRun(c, "");
        Assert.Equal((string)run["id"]!, (string)first["id"]!); // newest first
        var tasks = await GetOk(c, $"{RunsPath()}/{(string)run["id"]!}/tasks");
        Assert.Equal(5, tasks["data"]!.AsArray().Count);

        (status, body, _) = await Send(c, HttpMethod.Post, RunsPath(), new { name = "No checklist" });
        Assert422(status, body, "checklist_id");
        (status, body, _) = await Send(c, HttpMethod.Post, RunsPath(), new { checklist_id = "0123456789abcdef0123456789abcdef", name = "Unknown" });
        Assert422(status, body, "checklist_id");
        (status, body, _) = await Launch(c, "Quarterly audit", "", (b, _) => b.Remove("name"));
        Assert422(status, body, "name");
        (status, body, _) = await Launch(c, "Quarterly audit", new string('n', 551));
        Assert422(status, body, "name");
        (status, body, _) = await Launch(Api(Light), "Quarterly audit", "x");
        AssertForbidden(status, body);
    }

    [Fact]
    public async Task ArchiveReactivateDelete_Cascade()
    {
        var c = Api();
        var run = await FirstRun(c, "status=active&with=tasks");
        string id = (string)run["id"]!;
        var taskIds = run["tasks"]!["data"]!.AsArray().Select(t => (string)t!["id"]!).ToList();
        var orgTasks = await GetOk(c, TasksPath() + "?per_page=100&q=");
        int liveTotal = (int)orgTasks["meta"]!["pagination"]!["total"]!;

        // Archive.
        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{RunsPath()}/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body!["data"]!["archived_at"]);
        Assert.DoesNotContain((await AllRuns(c, "status=active")), r => (string)r["id"]! == id);
        Assert.Contains((await AllRuns(c, "archived=only")), r => (string)r["id"]! == id);
        var afterArchive = await GetOk(c, TasksPath() + "?per_page=1");
        Assert.Equal(liveTotal - taskIds.Count, (int)afterArchive["meta"]!["pagination"]!["total"]!);
        var archivedTasks = await GetOk(c, TasksPath() + $"?archived=only&per_page=100&run_id={id}");
        Assert.Equal(taskIds.OrderBy(x => x), archivedTasks["data"]!.AsArray().Select(t => (string)t!["id"]!).OrderBy(x => x));
        Assert.All(archivedTasks["data"]!.AsArray(), t => Assert.NotNull(t!["archived_at"]));
        var got = await GetOk(c, $"{RunsPath()}/{id}?with=tasks.threads");
        Assert.NotNull(got["data"]!["archived_at"]);
        Assert.All(got["data"]!["tasks"]!["data"]!.AsArray(), t => Assert.Empty(t!["threads"]!["data"]!.AsArray()));

        // Reactivate.
        (status, body, _) = await Send(c, HttpMethod.Put, $"{RunsPath()}/{id}/activate");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["data"]!["archived_at"]);
        Assert.Equal(liveTotal, (int)(await GetOk(c, TasksPath() + "?per_page=1"))["meta"]!["pagination"]!["total"]!);

        // Delete needs archived first (422), then removes everything.
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{RunsPath()}/{id}/delete");
        Assert422(status, body, "run_id");
        (status, _, _) = await Send(c, HttpMethod.Delete, $"{RunsPath()}/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        (status, _, var resp) = await Send(Api(Standard), HttpMethod.Delete, $"{RunsPath()}/{id}/delete");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        (status, body, resp) = await Send(c, HttpMethod.Delete, $"{RunsPath()}/{id}/delete");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body);
        Assert.Equal(0, resp.Content.Headers.ContentLength);
        (status, body, _) = await Send(c, HttpMethod.Get, $"{RunsPath()}/{id}");
        AssertNotFound(status, body);
        foreach (string t in taskIds)
        {
            (status, body, _) = await Send(c, HttpMethod.Get, $"{TasksPath()}/{t}");
            AssertNotFound(status, body);
            (status, body, _) = await Send(c, HttpMethod.Post, $"{TasksPath()}/{t}/comment", new { content = "x" });
            AssertNotFound(status, body);
        }

        (status, body, _) = await Send(c, HttpMethod.Put, $"{RunsPath()}/{id}/activate");
        AssertNotFound(status, body);
        Assert.DoesNotContain(await AllRuns(c), r => (string)r["id"]! == id);
        Assert.Equal(59, (await AllRuns(c)).Count);
    }

    [Fact]
    public async Task Permissions_StandardAndLight()
    {
        var archived = await FirstRun(Api(), "archived=only");
        string aid = (string)archived["id"]!;
        var active = await FirstRun(Api(), "status=active");
        string id = (string)active["id"]!;

        var (status, body, _) = await Send(Api(Standard), HttpMethod.Delete, $"{RunsPath()}/{aid}/delete");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(body, "Only administrators can permanently delete processes.");

        foreach (var (method, path) in new[] { (HttpMethod.Delete, $"{RunsPath()}/{id}"), (HttpMethod.Put, $"{RunsPath()}/{aid}/activate"), (HttpMethod.Delete, $"{RunsPath()}/{aid}/delete") })
        {
            (status, body, _) = await Send(Api(Light), method, path);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.True((bool)body!["error"]!);
            Assert.False(string.IsNullOrEmpty((string?)body["message"]));
        }

        // Nothing was changed by the refused calls; light can still read.
        Assert.Null((await GetOk(Api(Light), $"{RunsPath()}/{id}"))["data"]!["archived_at"]);
        Assert.NotNull((await GetOk(Api(Light), $"{RunsPath()}/{aid}"))["data"]!["archived_at"]);

        // Standard may archive and reactivate.
        (status, _, _) = await Send(Api(Standard), HttpMethod.Delete, $"{RunsPath()}/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        (status, _, _) = await Send(Api(Standard), HttpMethod.Put, $"{RunsPath()}/{id}/activate");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task List_WithTasks_AndATrailingSlash()
    {
        var c = Api();
        var body = await GetOk(c, RunsPath() + "?with=tasks,checklist&per_page=3");
        Assert.Equal(3, body["data"]!.AsArray().Count);
        Assert.All(body["data"]!.AsArray(), r => Assert.NotEmpty(r!["tasks"]!["data"]!.AsArray()));
        var plain = await GetOk(c, RunsPath() + "?per_page=3");
        Assert.Equal(plain["meta"]!["pagination"]!["total"]!.GetValue<int>(), body["meta"]!["pagination"]!["total"]!.GetValue<int>());
        var slash = await GetOk(c, RunsPath() + "/?per_page=3");
        Assert.Equal(3, slash["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task LaunchWithNonObjectBody_Is422()
    {
        var (status, body, _) = await Send(Api(), HttpMethod.Post, RunsPath(), "[1,2]");
        Assert422(status, body, "checklist_id");
        Assert.NotNull(body!["errors"]!["name"]);
    }
}
