using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>The request log and every fault reach the endpoints of "Beyond deletion" as they reach the old ones.</summary>
public sealed class NewEndpointFaultsTests : OwnSandboxTest
{
    private const string TemplateId = "{template}";
    private const string RunId = "{run}";
    private const string TaskId = "{task}";

    public static TheoryData<string, string, string?> Endpoints => new TheoryData<string, string, string?>
    {
        { "GET", "checklists", null },
        { "GET", "checklists/" + TemplateId + "?with=steps", null },
        { "GET", "checklists/" + TemplateId + "/steps", null },
        { "DELETE", "checklists/" + TemplateId, null },
        { "PUT", "checklists/" + TemplateId + "/restore", null },
        { "POST", "runs", "{\"checklist_id\":\"" + TemplateId + "\",\"name\":\"x\"}" },
        { "PUT", "runs/" + RunId, "{\"name\":\"x\"}" },
        { "POST", "runs/" + RunId + "/completed-tasks", "{\"task_id\":\"" + TaskId + "\"}" },
        { "DELETE", "runs/" + RunId + "/completed-tasks/" + TaskId, null },
        { "PUT", "runs/" + RunId + "/tasks/" + TaskId, "{\"title\":\"x\"}" },
        { "POST", "tasks/" + TaskId + "/comment", "{\"content\":\"x\"}" },
        { "GET", "users", null },
        { "GET", "users/1002", null },
        { "GET", "guests", null },
        { "GET", "groups?with=users", null },
        { "GET", "tags", null },
        { "POST", "tags", "{\"title\":\"faulty\",\"color\":\"#000000\"}" },
        { "POST", "checklists/tags", "{\"subject_id\":\"" + RunId + "\",\"subject_type\":\"Run\",\"tag_id\":\"a1f0c3e2b4d5968778695a4b3c2d1e05\"}" },
        { "GET", "folders?folder_type=run", null },
        { "GET", "activity-feeds", null },
    };

    private async Task<Func<string, string>> Ids()
    {
        var c = Api();
        string template = (string)(await Template(c, "Quarterly audit"))["id"]!;
        var run = await FirstRun(c, "status=active&with=tasks");
        string runId = (string)run["id"]!;
        string taskId = (string)run["tasks"]!["data"]![0]!["id"]!;
        return s => s.Replace(TemplateId, template, StringComparison.Ordinal).Replace(RunId, runId, StringComparison.Ordinal).Replace(TaskId, taskId, StringComparison.Ordinal);
    }

    private static HttpMethod Method(string m) => new HttpMethod(m);

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryNewEndpoint_IsLoggedWithItsStatusAndUser(string method, string path, string? body)
    {
        var fill = await Ids();
        long since = await Log.LastSeqAsync();
        var (status, _, _) = await Send(Api(Standard), Method(method), $"{OrgPath()}/{fill(path)}", body is null ? null : fill(body));
        var entry = Assert.Single(await Log.SinceAsync(since));
        Assert.Equal((method, "/" + OrgPath() + "/" + fill(path).Split('?')[0], (int)status, (int?)1002, (string?)null), (entry.Method, entry.Path, entry.Status, entry.UserId, entry.Fault));
        Assert.Equal(path.Contains('?') ? path.Split('?')[1] : "", entry.Query);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryNewEndpoint_AnswersInjectedErrorsThrottlesAndHostileBodies(string method, string path, string? body)
    {
        var fill = await Ids();
        string url = $"{OrgPath()}/{fill(path)}";
        string? json = body is null ? null : fill(body);
        var c = Api();
        long since = await Log.LastSeqAsync();

        await SetFaults(new { errorRate = 1.0, errorStatuses = new[] { 503 } });
        var (status, answer, _) = await Send(c, Method(method), url, json);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("SANDBOX_FAULT", (string)answer!["code"]!);

        await SetFaults(new { throttleRate = 1.0, throttleRetryAfterSeconds = 3 });
        var (throttled, _, resp) = await Send(c, Method(method), url, json);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled);
        Assert.Equal(TimeSpan.FromSeconds(3), resp.Headers.RetryAfter!.Delta);

        await SetFaults(new { hostile = new { mode = "missing-data" } });
        using (var r = await c.SendAsync(new HttpRequestMessage(Method(method), url) { Content = json is null ? null : JsonBody(json) }))
        {
            Assert.Equal("{}", await r.Content.ReadAsStringAsync());
        }

        Assert.Equal(new[] { "error", "throttle", "hostile" }, (await Log.SinceAsync(since)).Select(e => e.Fault));
    }

    [Fact]
    public async Task FailIds_ReachTemplatesAndRunUpdates_WithoutApplyingThem()
    {
        var fill = await Ids();
        string template = fill(TemplateId);
        string run = fill(RunId);
        await SetFaults(new { failIds = new System.Collections.Generic.Dictionary<string, int> { [template] = 502, [run] = 500 } });
        Assert.Equal(HttpStatusCode.BadGateway, (await Send(Api(), HttpMethod.Delete, $"{TemplatesPath()}/{template}")).Status);
        Assert.Equal(HttpStatusCode.InternalServerError, (await Send(Api(), HttpMethod.Put, $"{RunsPath()}/{run}", new { name = "Never" })).Status);
        await SetFaults(new { });
        Assert.Null((await GetOk(Api(), $"{TemplatesPath()}/{template}"))["data"]!["archived_at"]);
        Assert.NotEqual("Never", (string)(await RawRun(run))["name"]!);
        Assert.All(await Log.MutationsSinceAsync(), e => Assert.Equal("fail-id", e.Fault));
    }

    [Fact]
    public async Task ResetBefore_DoesNotApplyANewChange_ResetAfter_Does()
    {
        var c = Api();
        await SetFaults(new { resetBeforeRate = 1.0, methods = new[] { "POST" } });
        await Assert.ThrowsAsync<HttpRequestException>(() => c.PostAsync($"{OrgPath()}/tags", JsonBody(new { title = "before", color = "#000000" })));
        await SetFaults(new { resetAfterRate = 1.0, methods = new[] { "POST" } });
        await Assert.ThrowsAsync<HttpRequestException>(() => c.PostAsync($"{OrgPath()}/tags", JsonBody(new { title = "after", color = "#000000" })));
        await SetFaults(new { });
        var titles = (await GetOk(c, $"{OrgPath()}/tags"))["data"]!.AsArray().Select(t => (string)t!["title"]!).ToList();
        Assert.DoesNotContain("before", titles);
        Assert.Contains("after", titles);
        Assert.Equal(new[] { "reset-before", "reset-after" }, (await Log.MutationsSinceAsync()).Select(e => e.Fault));
    }

    [Fact]
    public async Task BurstThrottlingAndLatency_CountTheNewEndpointsToo()
    {
        await SetFaults(new { burstLimit = 2, burstWindowSeconds = 30, latencyMs = 20 });
        var c = Api();
        await GetOk(c, $"{OrgPath()}/users");
        await GetOk(c, $"{OrgPath()}/activity-feeds");
        var (status, _, resp) = await Send(c, HttpMethod.Get, $"{OrgPath()}/checklists");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.NotNull(resp.Headers.RetryAfter);
        Assert.Equal(new[] { "latency", "latency", "burst" }, (await Log.SinceAsync()).Select(e => e.Fault));
    }
}
