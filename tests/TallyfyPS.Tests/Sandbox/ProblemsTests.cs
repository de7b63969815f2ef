using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>Problems lock a run: report, resolve (resolved-threads), process-level threads, the list filters, the resolve-label trap.</summary>
public sealed class ProblemsTests : SharedSandboxTest
{
    private const string LockedMessage = "This process has an open issue. Resolve it before changing its tasks.";

    public ProblemsTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    private async Task<(string RunId, string TaskId, string Name)> ARun(string name)
    {
        var run = await Launched(Api(), "Quarterly audit", name);
        return ((string)run["id"]!, (string)run["tasks"]!["data"]![0]!["id"]!, name);
    }

    private Task<JsonNode> Post(string path, object body) =>
        SeedHelpers.Data(Send(Api(), HttpMethod.Post, path, body), HttpStatusCode.Created);

    private async Task<JsonNode> RunOf(string runId, string with = "") => (await GetOk(Api(), $"{RunsPath()}/{runId}{with}"))["data"]!;

    private async Task<string[]> Listed(string status, string name) =>
        (await AllPages(Api(), RunsPath(), $"status={status}&q={System.Uri.EscapeDataString(name)}")).Select(r => (string)r["id"]!).ToArray();

    [Fact]
    public async Task AProblemOnATask_LocksTheRun_UntilResolved()
    {
        var (runId, taskId, name) = await ARun("Locked by a task problem");
        var problem = await Post($"{TasksPath()}/{taskId}/problem", new { content = "The ledger is missing." });
        Assert.Equal("problem", (string)problem["label"]!);
        Assert.Null(problem["resolve_id"]);

        var run = await RunOf(runId);
        Assert.Equal(("issue", true), ((string)run["status"]!, (bool)run["has_open_issue"]!));
        Assert.Equal(new[] { runId }, await Listed("issue", name));
        Assert.Equal(new[] { runId }, await Listed("problem", name));
        Assert.Empty(await Listed("active", name));

        var (s1, b1, _) = await Send(Api(), HttpMethod.Post, $"{RunsPath()}/{runId}/completed-tasks", new { task_id = taskId });
        Assert.Equal((HttpStatusCode)422, s1);
        AssertError(b1, LockedMessage);
        var (s2, b2, _) = await Send(Api(), HttpMethod.Delete, $"{RunsPath()}/{runId}/completed-tasks/{taskId}");
        Assert.Equal((HttpStatusCode)422, s2);
        AssertError(b2, LockedMessage);
        var (s3, b3, _) = await Send(Api(), HttpMethod.Put, $"{RunsPath()}/{runId}/tasks/{taskId}", new { title = "Renamed" });
        Assert.Equal((HttpStatusCode)422, s3);
        AssertError(b3, LockedMessage);

        var resolution = await Post($"{TasksPath()}/{taskId}/resolved-threads", new { thread_id = (long)problem["id"]!, content = "Found it." });
        Assert.Equal("resolve", (string)resolution["label"]!);
        var threads = (await GetOk(Api(), $"{RunsPath()}/{runId}/tasks/{taskId}?with=threads"))["data"]!["threads"]!["data"]!.AsArray();
        var resolved = threads.Single(t => (long)t!["id"]! == (long)problem["id"]!)!;
        Assert.Equal((long)resolution["id"]!, (long)resolved["resolve_id"]!);

        run = await RunOf(runId);
        Assert.Equal(("active", false), ((string)run["status"]!, (bool)run["has_open_issue"]!));
        Assert.Empty(await Listed("issue", name));
        await SeedHelpers.Data(Send(Api(), HttpMethod.Post, $"{RunsPath()}/{runId}/completed-tasks", new { task_id = taskId }));
    }

    [Fact]
    public async Task AResolveLabelledComment_ResolvesNothing()
    {
        var (runId, taskId, _) = await ARun("Trap of the resolve label");
        await Post($"{TasksPath()}/{taskId}/problem", new { content = "Broken." });
        var comment = await Post($"{TasksPath()}/{taskId}/comment", new { content = "Resolved!", label = "resolve" });
        Assert.Equal("resolve", (string)comment["label"]!);
        var run = await RunOf(runId);
        Assert.Equal(("issue", true), ((string)run["status"]!, (bool)run["has_open_issue"]!));
        var (status, _, _) = await Send(Api(), HttpMethod.Post, $"{RunsPath()}/{runId}/completed-tasks", new { task_id = taskId });
        Assert.Equal((HttpStatusCode)422, status);
    }

    [Fact]
    public async Task ProcessLevel_CommentProblemAndResolve_ReadWithThreads()
    {
        var (runId, taskId, name) = await ARun("Process-level issue");
        var comment = await Post($"{RunsPath()}/{runId}/comment", new { content = "Kick-off note." });
        Assert.Equal("comment", (string)comment["label"]!);
        Assert.False((bool)(await RunOf(runId))["has_open_issue"]!);
        var problem = await Post($"{RunsPath()}/{runId}/problem", new { content = "Wrong client." });
        var run = await RunOf(runId, "?with=threads");
        Assert.Equal(("issue", true), ((string)run["status"]!, (bool)run["has_open_issue"]!));
        Assert.Equal(new[] { (long)comment["id"]!, (long)problem["id"]! }, run["threads"]!["data"]!.AsArray().Select(t => (long)t!["id"]!).ToArray());
        Assert.Null((await RunOf(runId))["threads"]);
        var (status, _, _) = await Send(Api(), HttpMethod.Post, $"{RunsPath()}/{runId}/completed-tasks", new { task_id = taskId });
        Assert.Equal((HttpStatusCode)422, status);

        var resolution = await Post($"{RunsPath()}/{runId}/resolved-threads", new { thread_id = (long)problem["id"]!, content = "Client fixed." });
        run = await RunOf(runId, "?with=threads");
        Assert.Equal(("active", false), ((string)run["status"]!, (bool)run["has_open_issue"]!));
        Assert.Equal((long)resolution["id"]!, (long)run["threads"]!["data"]![1]!["resolve_id"]!);
        Assert.Equal(3, run["threads"]!["data"]!.AsArray().Count);
        Assert.Empty(await Listed("problem", name));
    }

    [Fact]
    public async Task Resolve_RefusesUnknownNonProblemAndResolvedThreads()
    {
        var (runId, taskId, _) = await ARun("Bad resolutions");
        var comment = await Post($"{TasksPath()}/{taskId}/comment", new { content = "Just a comment." });
        var problem = await Post($"{TasksPath()}/{taskId}/problem", new { content = "Broken." });
        string path = $"{TasksPath()}/{taskId}/resolved-threads";
        var (s, b, _) = await Send(Api(), HttpMethod.Post, path, new { thread_id = 1, content = "x" });
        Assert422(s, b, "thread_id");
        (s, b, _) = await Send(Api(), HttpMethod.Post, path, new { thread_id = (long)comment["id"]!, content = "x" });
        Assert422(s, b, "thread_id");
        (s, b, _) = await Send(Api(), HttpMethod.Post, path, new { thread_id = (long)problem["id"]! });
        Assert422(s, b, "content");
        (s, b, _) = await Send(Api(), HttpMethod.Post, $"{RunsPath()}/{runId}/resolved-threads", new { thread_id = (long)problem["id"]!, content = "x" });
        Assert422(s, b, "thread_id");
        await Post(path, new { thread_id = (long)problem["id"]!, content = "Fixed." });
        (s, b, _) = await Send(Api(), HttpMethod.Post, path, new { thread_id = (long)problem["id"]!, content = "Again." });
        Assert.Equal("This problem is already resolved.", Assert422(s, b, "thread_id"));
    }

    [Fact]
    public async Task Problem_OnUnknownTaskOrRun_Is404()
    {
        var (s, b, _) = await Send(Api(), HttpMethod.Post, $"{TasksPath()}/{new string('0', 32)}/problem", new { content = "x" });
        AssertNotFound(s, b);
        (s, b, _) = await Send(Api(), HttpMethod.Post, $"{RunsPath()}/{new string('0', 32)}/problem", new { content = "x" });
        AssertNotFound(s, b);
    }

    [Fact]
    public async Task ListFilters_StarredAndImprovement_AreAccepted()
    {
        var (runId, _, name) = await ARun("A starred run for the filter");
        Assert.Empty(await Listed("starred", name));
        var run = await RunOf(runId);
        await SeedHelpers.Data(Send(Api(), HttpMethod.Put, $"{RunsPath()}/{runId}", new { starred = true, users = run["users"], groups = run["groups"] }));
        Assert.Equal(new[] { runId }, await Listed("starred", name));
        Assert.Empty(await Listed("improvement", name));
    }
}
