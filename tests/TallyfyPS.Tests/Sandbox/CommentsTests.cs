using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class CommentsTests : SharedSandboxTest
{
    public CommentsTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    private static string CommentPath(string taskId) => $"{TasksPath()}/{taskId}/comment";

    private async Task<(string RunId, string TaskId)> ATask()
    {
        var run = await Launched(Api(), "Quarterly audit");
        return ((string)run["id"]!, (string)run["tasks"]!["data"]![0]!["id"]!);
    }

    [Fact]
    public async Task Add_AnswersTheThread_WithAnIntegerId()
    {
        var (runId, taskId) = await ATask();
        var thread = await SeedHelpers.Data(Send(Api(Standard), HttpMethod.Post, CommentPath(taskId), new { content = "Ledgers are in, @[1001]." }), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Number, thread["id"]!.GetValueKind());
        long id = (long)thread["id"]!;
        Assert.True(id > 0);
        Assert.Equal(("Ledgers are in, @[1001].", "comment", "hide-for-guests", 1002), ((string)thread["content"]!, (string)thread["label"]!, (string)thread["state"]!, (int)thread["author_id"]!));
        Assert.NotNull(thread["created_at"]);
        var listed = (await GetOk(Api(), $"{RunsPath()}/{runId}/tasks/{taskId}?with=threads"))["data"]!["threads"]!["data"]!.AsArray();
        Assert.Equal(thread.ToJsonString(), Assert.Single(listed)!.ToJsonString());
        var raw = Assert.Single((await RawTask(taskId))["threads"]!.AsArray())!;
        Assert.Equal(id, (long)raw["id"]!);
    }

    [Theory]
    [InlineData("comment")]
    [InlineData("problem")]
    [InlineData("resolve")]
    [InlineData("improvement")]
    [InlineData("advice")]
    public async Task Add_TakesEveryLabel(string label)
    {
        var (_, taskId) = await ATask();
        var thread = await SeedHelpers.Data(Send(Api(), HttpMethod.Post, CommentPath(taskId), new { content = "x", label }), HttpStatusCode.Created);
        Assert.Equal(label, (string)thread["label"]!);
    }

    [Theory]
    [InlineData("hide-for-guests")]
    [InlineData("open")]
    [InlineData("collapsed")]
    public async Task Add_TakesEveryState(string state)
    {
        var (_, taskId) = await ATask();
        var thread = await SeedHelpers.Data(Send(Api(), HttpMethod.Post, CommentPath(taskId), new { content = "x", state }), HttpStatusCode.Created);
        Assert.Equal(state, (string)thread["state"]!);
    }

    [Theory]
    [InlineData("{\"content\":\"x\",\"label\":\"question\"}", "label")]
    [InlineData("{\"content\":\"x\",\"state\":\"hidden\"}", "state")]
    [InlineData("{\"content\":\"   \"}", "content")]
    public async Task Add_RefusesUnknownLabelsStatesAndEmptyContent(string json, string field)
    {
        var (_, taskId) = await ATask();
        var (status, body, _) = await Send(Api(), HttpMethod.Post, CommentPath(taskId), json);
        Assert422(status, body, field);
        Assert.Empty((await RawTask(taskId))["threads"]!.AsArray());
    }

    [Fact]
    public async Task Add_ToAOneOffTask_ListedWithThreadsOnTheTask()
    {
        var c = Api();
        var task = (await GetOk(c, TasksPath() + "?is_oneoff=true"))["data"]![0]!;
        string id = (string)task["id"]!;
        var thread = await SeedHelpers.Data(Send(c, HttpMethod.Post, CommentPath(id), new { content = "On it." }), HttpStatusCode.Created);
        var listed = (await GetOk(c, $"{TasksPath()}/{id}?with=threads"))["data"]!["threads"]!["data"]!.AsArray();
        Assert.Contains(listed, t => SeedHelpers.IdOf(t!["id"]) == SeedHelpers.IdOf(thread["id"]));
    }

    [Fact]
    public async Task Comments_AreListedOnARunWithTasksThreads_AndHiddenWhileTheRunIsArchived()
    {
        var c = Api();
        var (runId, taskId) = await ATask();
        var thread = await SeedHelpers.Data(Send(c, HttpMethod.Post, CommentPath(taskId), new { content = "Visible" }), HttpStatusCode.Created);
        string Threads(JsonNode run) => run["tasks"]!["data"]![0]!["threads"]!["data"]!.ToJsonString();
        Assert.Contains(SeedHelpers.IdOf(thread["id"]), Threads((await GetOk(c, $"{RunsPath()}/{runId}?with=tasks.threads"))["data"]!));
        await SeedHelpers.Data(Send(c, HttpMethod.Delete, $"{RunsPath()}/{runId}"));
        Assert.Equal("[]", Threads((await GetOk(c, $"{RunsPath()}/{runId}?with=tasks.threads"))["data"]!));
        var (status, body, _) = await Send(c, HttpMethod.Put, $"{CommentPath(taskId)}/{SeedHelpers.IdOf(thread["id"])}", new { content = "Edited while archived" });
        AssertNotFound(status, body);
        await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{RunsPath()}/{runId}/activate"));
        Assert.Contains("\"Visible\"", Threads((await GetOk(c, $"{RunsPath()}/{runId}?with=tasks.threads"))["data"]!));
    }

    [Fact]
    public async Task Edit_ByItsAuthor_ChangesContentLabelAndState()
    {
        var (runId, taskId) = await ATask();
        var c = Api(Light);
        var thread = await SeedHelpers.Data(Send(c, HttpMethod.Post, CommentPath(taskId), new { content = "Frist" }), HttpStatusCode.Created);
        string path = $"{CommentPath(taskId)}/{SeedHelpers.IdOf(thread["id"])}";
        var edited = await SeedHelpers.Data(Send(c, HttpMethod.Put, path, new { content = "First", label = "advice", state = "open" }));
        Assert.Equal((SeedHelpers.IdOf(thread["id"]), "First", "advice", "open"), (SeedHelpers.IdOf(edited["id"]), (string)edited["content"]!, (string)edited["label"]!, (string)edited["state"]!));
        Assert.Equal("First", (string)(await RawTask(taskId))["threads"]![0]!["content"]!);
        var (status, body, _) = await Send(c, HttpMethod.Put, path, new { label = "question" });
        Assert422(status, body, "label");
        var entry = (await GetOk(Api(), $"{OrgPath()}/activity-feeds?entity_type=thread&entity_id={SeedHelpers.IdOf(thread["id"])}&verb=updated"))["data"]![0]!;
        Assert.Equal(("Frist", "First", 1003), ((string)entry["old_value"]!, (string)entry["text"]!, (int)entry["actor_id"]![0]!));
    }

    [Fact]
    public async Task EditAndDelete_OfSomeoneElsesComment_AreForbidden_ButAdminsMay()
    {
        var (_, taskId) = await ATask();
        var thread = await SeedHelpers.Data(Send(Api(Light), HttpMethod.Post, CommentPath(taskId), new { content = "Mine" }), HttpStatusCode.Created);
        string path = $"{CommentPath(taskId)}/{SeedHelpers.IdOf(thread["id"])}";
        var (status, body, _) = await Send(Api(Standard), HttpMethod.Put, path, new { content = "Not yours" });
        AssertForbidden(status, body);
        (status, body, _) = await Send(Api(Standard), HttpMethod.Delete, path);
        AssertForbidden(status, body);
        Assert.Equal("Mine", (string)(await RawTask(taskId))["threads"]![0]!["content"]!);
        await SeedHelpers.Data(Send(Api(Admin), HttpMethod.Put, path, new { content = "Moderated" }));
    }

    [Fact]
    public async Task Delete_RemovesTheComment_WithAnEmpty200()
    {
        var (runId, taskId) = await ATask();
        var c = Api();
        var thread = await SeedHelpers.Data(Send(c, HttpMethod.Post, CommentPath(taskId), new { content = "Temporary" }), HttpStatusCode.Created);
        string path = $"{CommentPath(taskId)}/{SeedHelpers.IdOf(thread["id"])}";
        var (status, body, resp) = await Send(c, HttpMethod.Delete, path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body);
        Assert.Equal(0, resp.Content.Headers.ContentLength);
        Assert.Empty((await GetOk(c, $"{RunsPath()}/{runId}/tasks/{taskId}?with=threads"))["data"]!["threads"]!["data"]!.AsArray());
        Assert.Empty((await RawTask(taskId))["threads"]!.AsArray());
        (status, body, _) = await Send(c, HttpMethod.Delete, path);
        AssertNotFound(status, body);
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{CommentPath(taskId)}/not-a-number");
        AssertNotFound(status, body);
    }

    [Fact]
    public async Task SeededComments_HaveIntegerIds_UniqueAcrossTheSeed()
    {
        var runs = await AllRuns(Api(), "archived=false&with=tasks.threads");
        var ids = runs.SelectMany(r => r["tasks"]!["data"]!.AsArray()).SelectMany(t => t!["threads"]!["data"]!.AsArray()).Select(th => SeedHelpers.IdOf(th!["id"])).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.True(long.TryParse(id, out _), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
