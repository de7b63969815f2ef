using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class TasksTests : SharedSandboxTest
{
    public TasksTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    private async Task<JsonObject> OneOff(HttpClient c, string query = "")
    {
        var body = await GetOk(c, TasksPath() + "?is_oneoff=true&per_page=100" + query);
        return body["data"]!.AsArray().First()!.AsObject();
    }

    [Fact]
    public async Task RunTasks_ListAndGet()
    {
        var c = Api();
        var run = await FirstRun(c, "status=complete");
        string id = (string)run["id"]!;
        var body = await GetOk(c, $"{RunsPath()}/{id}/tasks?with=threads,form_fields");
        var tasks = body["data"]!.AsArray();
        Assert.Equal((int)run["progress"]!["total"]!, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("completed", (string)t!["status"]!));
        var t0 = tasks[0]!.AsObject();
        foreach (string f in new[] { "id", "increment_id", "title", "alias", "run_id", "checklist_id", "step_id", "status", "status_label", "task_type", "position", "is_oneoff_task", "owners", "deadline", "started_at", "created_at", "last_updated", "completed_at", "archived_at", "completer_id" })
        {
            Assert.True(t0.ContainsKey(f), "missing " + f);
        }

        Assert.False((bool)t0["is_oneoff_task"]!);
        Assert.Equal(1, (int)t0["position"]!);
        Assert.IsType<JsonArray>(t0["owners"]!["users"]);
        Assert.IsType<JsonArray>(t0["owners"]!["guests"]);
        Assert.IsType<JsonArray>(t0["owners"]!["groups"]);
        var field = t0["form_fields"]!["data"]![0]!.AsObject();
        foreach (string f in new[] { "id", "label", "field_type", "required", "options", "field_value" })
        {
            Assert.True(field.ContainsKey(f), "missing " + f);
        }

        Assert.NotNull(field["field_value"]); // completed tasks have answers

        string taskId = (string)t0["id"]!;
        var one = await GetOk(c, $"{RunsPath()}/{id}/tasks/{taskId}?with=run,tags");
        Assert.Equal(taskId, (string)one["data"]!["id"]!);
        Assert.Equal(id, (string)one["data"]!["run"]!["data"]!["id"]!);
        Assert.NotNull(one["data"]!["tags"]!["data"]);
        var viaOrg = await GetOk(c, $"{TasksPath()}/{taskId}");
        Assert.Equal((string)t0["title"]!, (string)viaOrg["data"]!["title"]!);

        var other = await FirstRun(c, "status=active");
        var (status, err, _) = await Send(c, HttpMethod.Get, $"{RunsPath()}/{(string)other["id"]!}/tasks/{taskId}");
        AssertNotFound(status, err);
    }

    [Fact]
    public async Task OrgTasks_Filters()
    {
        var c = Api();
        var oneoffs = await GetOk(c, TasksPath() + "?is_oneoff=true&per_page=100");
        var items = oneoffs["data"]!.AsArray();
        Assert.InRange(items.Count, 6, 12);
        Assert.All(items, t => { Assert.True((bool)t!["is_oneoff_task"]!); Assert.Null(t["run_id"]); Assert.Null(t["archived_at"]); });
        var archivedOnly = (await GetOk(c, TasksPath() + "?is_oneoff=true&archived=only&per_page=100"))["data"]!.AsArray();
        Assert.NotEmpty(archivedOnly);
        Assert.All(archivedOnly, t => Assert.NotNull(t!["archived_at"]));
        var both = (await GetOk(c, TasksPath() + "?is_oneoff=true&archived=true&per_page=100"))["data"]!.AsArray();
        Assert.Equal(12, both.Count);
        Assert.Equal(items.Count + archivedOnly.Count, both.Count);

        var runTasks = await GetOk(c, TasksPath() + "?is_oneoff=false&per_page=100");
        Assert.All(runTasks["data"]!.AsArray(), t => Assert.NotNull(t!["run_id"]));
        int all = (int)(await GetOk(c, TasksPath()))["meta"]!["pagination"]!["total"]!;
        Assert.Equal(items.Count + (int)runTasks["meta"]!["pagination"]!["total"]!, all);

        var completed = await GetOk(c, TasksPath() + "?status=completed&per_page=100");
        Assert.All(completed["data"]!.AsArray(), t => Assert.Equal("completed", (string)t!["status"]!));
        var q = await GetOk(c, TasksPath() + "?q=LICENSES");
        Assert.Equal("Renew software licenses", (string)q["data"]![0]!["title"]!);
        var mine = await GetOk(c, TasksPath() + "?owners=1003&per_page=100");
        Assert.NotEmpty(mine["data"]!.AsArray());
        Assert.All(mine["data"]!.AsArray(), t => Assert.Contains(1003, t!["owners"]!["users"]!.AsArray().Select(u => (int)u!)));
    }

    [Fact]
    public async Task CreateOneOff_201_And422()
    {
        var c = Api(Standard);
        var (status, body, _) = await Send(c, HttpMethod.Post, TasksPath(), new
        {
            title = "Call the auditor",
            task_type = "approval",
            owners = new { users = new[] { 1001, 1003 }, guests = Array.Empty<string>(), groups = Array.Empty<string>() },
            deadline = "2026-12-24T10:00:00.000Z",
            description = "About Q4",
        });
        Assert.Equal(HttpStatusCode.Created, status);
        var t = body!["data"]!;
        Assert.Equal("Call the auditor", (string)t["title"]!);
        Assert.Equal("approval", (string)t["task_type"]!);
        Assert.True((bool)t["is_oneoff_task"]!);
        Assert.Null(t["run_id"]);
        Assert.Equal(new[] { 1001, 1003 }, t["owners"]!["users"]!.AsArray().Select(u => (int)u!));
        Assert.Equal("2026-12-24T10:00:00.000Z", (string)t["deadline"]!);
        var got = await GetOk(c, $"{TasksPath()}/{(string)t["id"]!}");
        Assert.Equal("Call the auditor", (string)got["data"]!["title"]!);

        (status, body, _) = await Send(c, HttpMethod.Post, TasksPath(), new { task_type = "task" });
        Assert422(status, body, "title");
        (status, body, _) = await Send(c, HttpMethod.Post, TasksPath(), new { title = "x", task_type = "bogus" });
        Assert422(status, body, "task_type");
        (status, body, _) = await Send(c, HttpMethod.Post, TasksPath(), new { title = "x", deadline = "not a date" });
        Assert422(status, body, "deadline");
        (status, body, _) = await Send(Api(Light), HttpMethod.Post, TasksPath(), new { title = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True((bool)body!["error"]!);
    }

    [Fact]
    public async Task An_owner_email_no_one_has_becomes_a_guest_without_a_word()
    {
        var c = Api();
        var (status, _, _) = await Send(c, HttpMethod.Post, TasksPath(), new
        {
            title = "For a stranger",
            owners = new { users = Array.Empty<int>(), guests = new[] { "stranger@elsewhere.example", "olga.petrov@contoso.example", "marco.reyes@acme.example" }, groups = Array.Empty<string>() },
        });
        Assert.Equal(HttpStatusCode.Created, status);
        var guests = (await GetOk(c, $"{OrgPath()}/guests"))["data"]!.AsArray().Select(g => (string)g!["email"]!).ToList();
        Assert.Single(guests, e => e == "stranger@elsewhere.example");
        Assert.Single(guests, e => e == "olga.petrov@contoso.example");
        Assert.DoesNotContain("marco.reyes@acme.example", guests); // a member stays a member
    }

    [Fact]
    public async Task OneOff_ArchiveRestoreDelete()
    {
        var c = Api();
        var task = await OneOff(c);
        string id = (string)task["id"]!;
        var (status, body, resp) = await Send(Api(Standard), HttpMethod.Delete, $"{TasksPath()}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Null(body);
        var archived = await GetOk(c, $"{TasksPath()}/{id}");
        Assert.NotNull(archived["data"]!["archived_at"]);
        Assert.DoesNotContain((await GetOk(c, TasksPath() + "?is_oneoff=true&per_page=100"))["data"]!.AsArray(), t => (string)t!["id"]! == id);

        (status, body, _) = await Send(Api(Standard), HttpMethod.Put, $"{TasksPath()}/{id}/restore");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["data"]!["archived_at"]);
        Assert.Equal(id, (string)body["data"]!["id"]!);

        (status, body, _) = await Send(c, HttpMethod.Delete, $"{TasksPath()}/{id}/delete");
        Assert422(status, body, "task_id");
        (status, _, _) = await Send(c, HttpMethod.Delete, $"{TasksPath()}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, body, _) = await Send(Api(Standard), HttpMethod.Delete, $"{TasksPath()}/{id}/delete");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(body, "Only administrators can permanently delete tasks.");
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{TasksPath()}/{id}/delete");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Null(body);
        (status, body, _) = await Send(c, HttpMethod.Get, $"{TasksPath()}/{id}");
        AssertNotFound(status, body);
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{TasksPath()}/{id}/delete");
        AssertNotFound(status, body);

        foreach (var (m, p) in new[] { (HttpMethod.Delete, $"{TasksPath()}/{id}"), (HttpMethod.Put, $"{TasksPath()}/{id}/restore") })
        {
            var other = await OneOff(c);
            (status, body, _) = await Send(Api(Light), m, p.Replace(id, (string)other["id"]!));
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.True((bool)body!["error"]!);
        }
    }

    [Fact]
    public async Task TaskOfRun_CannotBeArchivedDeletedRestored()
    {
        var c = Api();
        var run = await FirstRun(c, "with=tasks");
        string taskId = (string)run["tasks"]!["data"]![0]!["id"]!;
        foreach (var (m, p) in new[] { (HttpMethod.Delete, $"{TasksPath()}/{taskId}"), (HttpMethod.Delete, $"{TasksPath()}/{taskId}/delete"), (HttpMethod.Put, $"{TasksPath()}/{taskId}/restore") })
        {
            var (status, body, _) = await Send(c, m, p);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            AssertError(body, "This task belongs to a process. Archive or delete the process instead.");
        }

        Assert.Null((await GetOk(c, $"{TasksPath()}/{taskId}"))["data"]!["archived_at"]);
    }

    [Fact]
    public async Task Comment_CreatesThread_VisibleWithThreads()
    {
        var c = Api(Light); // light members may comment
        var run = await FirstRun(c, "status=active&with=tasks");
        string runId = (string)run["id"]!;
        string taskId = (string)run["tasks"]!["data"]![0]!["id"]!;
        var (status, body, _) = await Send(c, HttpMethod.Post, $"{TasksPath()}/{taskId}/comment", new { content = "Looks fine", label = "comment" });
        Assert.Equal(HttpStatusCode.Created, status);
        var thread = body!["data"]!;
        Assert.Equal("Looks fine", (string)thread["content"]!);
        Assert.Equal("comment", (string)thread["label"]!);
        Assert.Equal(1003, (int)thread["author_id"]!);
        Assert.NotNull(thread["created_at"]);
        var got = await GetOk(c, $"{RunsPath()}/{runId}/tasks/{taskId}?with=threads");
        Assert.Contains(got["data"]!["threads"]!["data"]!.AsArray(), t => SeedHelpers.IdOf(t!["id"]) == SeedHelpers.IdOf(thread["id"]));

        (status, body, _) = await Send(c, HttpMethod.Post, $"{TasksPath()}/{taskId}/comment", new { label = "comment" });
        Assert422(status, body, "content");

        // Archived run: comments hidden; restored on reactivate.
        await Send(Api(), HttpMethod.Delete, $"{RunsPath()}/{runId}");
        got = await GetOk(c, $"{RunsPath()}/{runId}/tasks/{taskId}?with=threads");
        Assert.Empty(got["data"]!["threads"]!["data"]!.AsArray());
        await Send(Api(), HttpMethod.Put, $"{RunsPath()}/{runId}/activate");
        got = await GetOk(c, $"{RunsPath()}/{runId}/tasks/{taskId}?with=threads");
        Assert.Contains(got["data"]!["threads"]!["data"]!.AsArray(), t => SeedHelpers.IdOf(t!["id"]) == SeedHelpers.IdOf(thread["id"]));
    }

    [Fact]
    public async Task OrgTasks_WithRunAndPaging()
    {
        var c = Api();
        var body = await GetOk(c, TasksPath() + "?is_oneoff=false&with=run,threads&per_page=4&page=2");
        var data = body["data"]!.AsArray();
        Assert.Equal(4, data.Count);
        Assert.All(data, t => Assert.Equal((string)t!["run_id"]!, (string)t["run"]!["data"]!["id"]!));
        var p = body["meta"]!["pagination"]!;
        Assert.Equal(2, (int)p["current_page"]!);
        Assert.Contains("page=1", (string)p["links"]!["previous"]!);
        Assert.Contains("page=3", (string)p["links"]!["next"]!);
        Assert.Contains("is_oneoff=false", (string)p["links"]!["next"]!);
    }

    [Fact]
    public async Task TaskIds_ResolveAfterReset_WithoutListingFirst()
    {
        var c = Api();
        var body = await GetOk(c, RunsPath() + "?archived=true&with=tasks&per_page=1&page=37");
        var run = body["data"]![0]!;
        var taskIds = run["tasks"]!["data"]!.AsArray().Select(t => (string)t!["id"]!).ToList();
        await Reset();

        foreach (string id in taskIds)
        {
            var got = await GetOk(c, $"{TasksPath()}/{id}");
            Assert.Equal((string)run["id"]!, (string)got["data"]!["run_id"]!);
        }

        var (status, err, _) = await Send(c, HttpMethod.Get, $"{TasksPath()}/{taskIds[0].Substring(0, 24)}ffffffff");
        AssertNotFound(status, err);
    }
}
