using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class MiscTests : SandboxTestBase
{
    public MiscTests(SandboxFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public async Task ListWithTasks_AndFolderIgnored_AndTrailingSlash()
    {
        var c = Api();
        var body = await GetOk(c, RunsPath() + "?with=tasks,checklist&per_page=3&folder=abc");
        Assert.Equal(3, body["data"]!.AsArray().Count);
        Assert.All(body["data"]!.AsArray(), r => Assert.NotEmpty(r!["tasks"]!["data"]!.AsArray()));
        var plain = await GetOk(c, RunsPath() + "?per_page=3");
        Assert.Equal(plain["meta"]!["pagination"]!["total"]!.GetValue<int>(), body["meta"]!["pagination"]!["total"]!.GetValue<int>());
        var slash = await GetOk(c, RunsPath() + "/?per_page=3");
        Assert.Equal(3, slash["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task ArchivedRunGet404_AlsoHidesItsTaskRoutes()
    {
        var c = Api();
        var run = await FirstRun(c, "archived=only&with=tasks");
        string id = (string)run["id"]!;
        string taskId = (string)run["tasks"]!["data"]![0]!["id"]!;
        Assert.NotNull((await GetOk(c, $"{TasksPath()}/{taskId}"))["data"]!["archived_at"]);
        await SetSwitches(new { archivedRunGet = "404" });
        var (status, body, _) = await Send(c, HttpMethod.Get, $"{RunsPath()}/{id}/tasks");
        AssertNotFound(status, body);
        (status, body, _) = await Send(c, HttpMethod.Get, $"{RunsPath()}/{id}/tasks/{taskId}");
        AssertNotFound(status, body);
        (status, body, _) = await Send(c, HttpMethod.Get, $"{TasksPath()}/{taskId}");
        AssertNotFound(status, body);
        Assert.Contains((await GetOk(c, TasksPath() + $"?archived=only&run_id={id}"))["data"]!.AsArray(), t => (string)t!["id"]! == taskId);
    }

    [Fact]
    public async Task LaunchWithNonObjectBody_Is422()
    {
        var (status, body, _) = await Send(Api(), HttpMethod.Post, RunsPath(), "[1,2]");
        Assert422(status, body, "checklist_id");
        Assert.NotNull(body!["errors"]!["name"]);
    }

    [Fact]
    public async Task OtherOrg_HasOwnDataAndOneOffs()
    {
        var c = Api(OtherAdmin);
        var runs = await GetOk(c, RunsPath(OtherOrg) + "?archived=true&per_page=100");
        Assert.Equal(10, runs["data"]!.AsArray().Count);
        Assert.All(runs["data"]!.AsArray(), r => Assert.Equal(2001, (int)r!["owner_id"]!));
        var tasks = await GetOk(c, TasksPath(OtherOrg) + "?is_oneoff=true&archived=true");
        Assert.Equal(4, tasks["data"]!.AsArray().Count);
        string runId = (string)runs["data"]![0]!["id"]!;
        var (status, body, _) = await Send(Api(Admin), HttpMethod.Delete, $"{RunsPath(OtherOrg)}/{runId}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(body, "You do not have access to this organization.");
        var (s2, b2, _) = await Send(Api(Admin), HttpMethod.Get, $"{RunsPath(MainOrg)}/{runId}");
        AssertNotFound(s2, b2); // ids are per organization
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
    public async Task LaunchedRun_AppearsInLists_AndIsLogged()
    {
        var c = Api();
        var sample = await FirstRun(c, "");
        long since = await LastSeq();
        var (status, body, _) = await Send(c, HttpMethod.Post, RunsPath() + "?with=tasks", new { checklist_id = (string)sample["checklist_id"]!, name = "Quarterly audit - Test #1" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotEmpty(body!["data"]!["tasks"]!["data"]!.AsArray());
        var found = await GetOk(c, RunsPath() + "?q=Test%20%231");
        Assert.Equal((string)body["data"]!["id"]!, (string)found["data"]![0]!["id"]!);
        var log = await LogSince(since);
        var post = log.Single(e => (string)e["method"]! == "POST");
        Assert.Equal(201, (int)post["status"]!);
        Assert.Equal("with=tasks", (string)post["query"]!);
    }

    [Fact]
    public async Task TaskIds_ResolveAfterReset_WithoutListingFirst()
    {
        var c = Api();
        var body = await GetOk(c, RunsPath() + "?archived=true&with=tasks&per_page=1&page=37");
        var run = body["data"]![0]!;
        var taskIds = run["tasks"]!["data"]!.AsArray().Select(t => (string)t!["id"]!).ToList();
        using (var r = await Control.PostAsync("_sandbox/reset", null))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        foreach (string id in taskIds)
        {
            var got = await GetOk(c, $"{TasksPath()}/{id}");
            Assert.Equal((string)run["id"]!, (string)got["data"]!["run_id"]!);
        }

        var (status, err, _) = await Send(c, HttpMethod.Get, $"{TasksPath()}/{taskIds[0].Substring(0, 24)}ffffffff");
        AssertNotFound(status, err);
    }
}
