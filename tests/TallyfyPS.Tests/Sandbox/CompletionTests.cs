using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class CompletionTests : SharedSandboxTest
{
    public CompletionTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    private static string Completed(string runId) => $"{RunsPath()}/{runId}/completed-tasks";

    private static JsonNode TaskOfType(JsonNode run, string type) => run["tasks"]!["data"]!.AsArray().First(t => (string)t!["task_type"]! == type)!;

    [Fact]
    public async Task Complete_ATaskOfARun_Answers200WithTheCompletion_AndCountsOneNotification()
    {
        var c = Api(Light); // light members complete tasks
        var run = await Launched(Api(), "Quarterly audit");
        string runId = (string)run["id"]!;
        var task = run["tasks"]!["data"]![0]!;
        string taskId = (string)task["id"]!;
        var (status, body, _) = await Send(c, HttpMethod.Post, Completed(runId), new { task_id = taskId });
        Assert.Equal(HttpStatusCode.OK, status);
        var data = body!["data"]!.AsObject();
        Assert.Equal(new[] { "id", "status", "completed_at", "completer_id" }, data.Select(kv => kv.Key));
        Assert.Equal((taskId, "completed", 1003), ((string)data["id"]!, (string)data["status"]!, (int)data["completer_id"]!));
        Assert.NotNull(data["completed_at"]);

        var raw = await RawTask(taskId);
        Assert.Equal(("completed", "completed", 1, 1), ((string)raw["status"]!, (string)raw["outcome"]!, (int)raw["notifications"]!, (int)raw["webhooks"]!));
        var counts = await GetControl($"_sandbox/state/tasks/{taskId}/notifications");
        Assert.Equal((taskId, 1, 1), ((string)counts["taskId"]!, (int)counts["notifications"]!, (int)counts["webhooks"]!));
        var after = (await GetOk(c, $"{RunsPath()}/{runId}?with=tasks"))["data"]!;
        Assert.Equal(1, (int)after["progress"]!["complete"]!);
        Assert.Equal("active", (string)after["tasks"]!["data"]![1]!["status"]!); // the next task starts
    }

    [Fact]
    public async Task Complete_ATaskAlreadyCompleted_Answers200Again_AndSendsItsNotificationsASecondTime()
    {
        var c = Api();
        var run = await Launched(c, "Quarterly audit");
        string runId = (string)run["id"]!;
        string taskId = (string)run["tasks"]!["data"]![0]!["id"]!;
        var first = await SeedHelpers.Data(Send(c, HttpMethod.Post, Completed(runId), new { task_id = taskId }));
        var second = await SeedHelpers.Data(Send(Api(Standard), HttpMethod.Post, Completed(runId), new { task_id = taskId }));
        Assert.Equal("completed", (string)second["status"]!);
        Assert.Equal((string)first["completed_at"]!, (string)second["completed_at"]!);
        var counts = await GetControl($"_sandbox/state/tasks/{taskId}/notifications");
        Assert.Equal((2, 2), ((int)counts["notifications"]!, (int)counts["webhooks"]!));
        var feed = (await GetOk(c, $"{OrgPath()}/activity-feeds?entity_id={taskId}&verb=completed"))["data"]!.AsArray();
        Assert.Equal(new[] { 1002, 1001 }, feed.Select(e => (int)e!["actor_id"]![0]!));
    }

    [Fact]
    public async Task Complete_AnApproval_NeedsIsApproved_TrueApprovesAndFalseRejects()
    {
        var c = Api();
        var run = await Launched(c, "Expense approval");
        string runId = (string)run["id"]!;
        var approvals = run["tasks"]!["data"]!.AsArray().Where(t => (string)t!["task_type"]! == "approval").Select(t => (string)t!["id"]!).ToList();
        Assert.Equal(2, approvals.Count);
        var (status, body, _) = await Send(c, HttpMethod.Post, Completed(runId), new { task_id = approvals[0] });
        Assert.Equal("The is approved field is required", Assert422(status, body, "is_approved"));
        Assert.Equal(0, (int)(await RawTask(approvals[0]))["notifications"]!);
        (status, body, _) = await Send(c, HttpMethod.Post, Completed(runId), new { task_id = approvals[0], is_approved = "yes" });
        Assert422(status, body, "is_approved");

        await SeedHelpers.Data(Send(c, HttpMethod.Post, Completed(runId), new { task_id = approvals[0], is_approved = true }));
        await SeedHelpers.Data(Send(c, HttpMethod.Post, Completed(runId), new { task_id = approvals[1], is_approved = false }));
        Assert.Equal("approved", (string)(await RawTask(approvals[0]))["outcome"]!);
        Assert.Equal("rejected", (string)(await RawTask(approvals[1]))["outcome"]!);
    }

    [Theory]
    [InlineData("Employee onboarding", "expiring")]
    [InlineData("Vendor onboarding", "expiring_email")]
    public async Task Complete_AnExpiringTaskWithIsApprovedFalse_RecordsExpired_Silently(string template, string type)
    {
        var c = Api();
        var run = await Launched(c, template);
        string taskId = (string)TaskOfType(run, type)["id"]!;
        var data = await SeedHelpers.Data(Send(c, HttpMethod.Post, Completed((string)run["id"]!), new { task_id = taskId, is_approved = false }));
        Assert.Equal("completed", (string)data["status"]!); // nothing in the answer says "expired"
        Assert.Equal("expired", (string)(await RawTask(taskId))["outcome"]!);
    }

    [Fact]
    public async Task Complete_IsApprovedOnAPlainTask_IsIgnored()
    {
        var c = Api();
        var run = await Launched(c, "Quarterly audit");
        string taskId = (string)TaskOfType(run, "task")["id"]!;
        await SeedHelpers.Data(Send(c, HttpMethod.Post, Completed((string)run["id"]!), new { task_id = taskId, is_approved = false }));
        Assert.Equal("completed", (string)(await RawTask(taskId))["outcome"]!);
    }

    [Fact]
    public async Task Complete_TheLastTask_CompletesTheRun_AndReopeningATaskReopensIt()
    {
        var c = Api();
        var run = await Launched(c, "Quarterly audit");
        string runId = (string)run["id"]!;
        foreach (var t in run["tasks"]!["data"]!.AsArray())
        {
            await SeedHelpers.Data(Send(c, HttpMethod.Post, Completed(runId), new { task_id = (string)t!["id"]!, is_approved = true }));
        }

        var done = (await GetOk(c, $"{RunsPath()}/{runId}"))["data"]!;
        Assert.Equal(("complete", 100), ((string)done["status"]!, (int)done["progress"]!["percent"]!));
        Assert.NotNull(done["completed_at"]);
        Assert.Contains(await AllRuns(c, "status=complete"), r => (string)r["id"]! == runId);

        string last = (string)run["tasks"]!["data"]![4]!["id"]!;
        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{Completed(runId)}/{last}");
        Assert.Equal(HttpStatusCode.OK, status);
        var reopened = body!["data"]!;
        Assert.Equal((last, "in-progress"), ((string)reopened["id"]!, (string)reopened["status"]!));
        Assert.Null(reopened["completed_at"]);
        Assert.Null(reopened["completer_id"]);
        var active = (await GetOk(c, $"{RunsPath()}/{runId}"))["data"]!;
        Assert.Equal("active", (string)active["status"]!);
        Assert.Null(active["completed_at"]);
        var raw = await RawTask(last);
        Assert.Null(raw["outcome"]);
        Assert.Equal(1, (int)raw["notifications"]!); // reopening sends nothing
        var verbs = (await GetOk(c, $"{OrgPath()}/activity-feeds?entity_type=run&entity_id={runId}"))["data"]!.AsArray().Select(e => (string)e!["verb"]![0]!);
        Assert.Equal(new[] { "re-opened", "completed", "created" }, verbs);
    }

    [Fact]
    public async Task Reopen_ATaskThatIsNotCompleted_Answers200Unchanged()
    {
        var c = Api();
        var run = await Launched(c, "Quarterly audit");
        string taskId = (string)run["tasks"]!["data"]![1]!["id"]!;
        var data = await SeedHelpers.Data(Send(c, HttpMethod.Delete, $"{Completed((string)run["id"]!)}/{taskId}"));
        Assert.Equal("not-started", (string)data["status"]!);
    }

    [Fact]
    public async Task CompleteAndReopen_AOneOffTask_ThroughTheOrganizationRoutes()
    {
        var c = Api();
        var created = await SeedHelpers.Data(Send(c, HttpMethod.Post, TasksPath(), new { title = "Sign the lease", task_type = "approval" }), HttpStatusCode.Created);
        string id = (string)created["id"]!;
        var (status, body, _) = await Send(c, HttpMethod.Post, $"{OrgPath()}/completed-tasks", new { task_id = id });
        Assert422(status, body, "is_approved");
        var done = await SeedHelpers.Data(Send(c, HttpMethod.Post, $"{OrgPath()}/completed-tasks", new { task_id = id, is_approved = true }));
        Assert.Equal(("completed", 1001), ((string)done["status"]!, (int)done["completer_id"]!));
        await SeedHelpers.Data(Send(c, HttpMethod.Post, $"{OrgPath()}/completed-tasks", new { task_id = id, is_approved = true }));
        Assert.Equal(2, (int)(await RawTask(id))["notifications"]!);
        var reopened = await SeedHelpers.Data(Send(c, HttpMethod.Delete, $"{OrgPath()}/completed-tasks/{id}"));
        Assert.Equal("in-progress", (string)reopened["status"]!);
        Assert.Null(reopened["completed_at"]);
    }

    [Fact]
    public async Task TheOneOffRoutes_RefuseATaskOfARun_AndTheRunRoutesATaskOfAnotherRun()
    {
        var c = Api();
        var run = await Launched(c, "Quarterly audit");
        var other = await Launched(c, "Quarterly audit", "Another audit");
        string taskId = (string)run["tasks"]!["data"]![0]!["id"]!;
        var (status, body, _) = await Send(c, HttpMethod.Post, $"{OrgPath()}/completed-tasks", new { task_id = taskId });
        Assert.Contains("belongs to a process", Assert422(status, body, "task_id"));
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{OrgPath()}/completed-tasks/{taskId}");
        AssertForbidden(status, body);
        (status, body, _) = await Send(c, HttpMethod.Post, Completed((string)other["id"]!), new { task_id = taskId });
        Assert422(status, body, "task_id");
        (status, body, _) = await Send(c, HttpMethod.Post, Completed((string)run["id"]!), new { });
        Assert422(status, body, "task_id");
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{Completed((string)other["id"]!)}/{taskId}");
        AssertNotFound(status, body);
        (status, body, _) = await Send(c, HttpMethod.Post, Completed("0123456789abcdef0123456789abcdef"), new { task_id = taskId });
        AssertNotFound(status, body);
        Assert.Equal("active", (string)(await RawTask(taskId))["status"]!);
    }

    [Fact]
    public async Task TasksOfAnArchivedRun_CannotBeCompletedOrReopened()
    {
        var c = Api();
        var run = await FirstRun(c, "archived=only&with=tasks");
        var task = run["tasks"]!["data"]!.AsArray().First()!;
        var (status, body, _) = await Send(c, HttpMethod.Post, Completed((string)run["id"]!), new { task_id = (string)task["id"]!, is_approved = true });
        AssertForbidden(status, body);
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{Completed((string)run["id"]!)}/{(string)task["id"]!}");
        AssertForbidden(status, body);
    }

    [Fact]
    public async Task SeededTasks_HaveCompletionOutcomes_AndNotificationCounts()
    {
        var c = Api();
        var runs = await AllRuns(c, "archived=true&with=tasks");
        var tasks = runs.SelectMany(r => r["tasks"]!["data"]!.AsArray()).ToList();
        var completedApproval = tasks.First(t => (string)t!["status"]! == "completed" && (string)t["task_type"]! == "approval")!;
        var raw = await RawTask((string)completedApproval["id"]!);
        Assert.Contains((string)raw["outcome"]!, new[] { "approved", "rejected" });
        Assert.Equal(1, (int)raw["notifications"]!);
        var open = tasks.First(t => (string)t!["status"]! != "completed")!;
        var rawOpen = await RawTask((string)open["id"]!);
        Assert.Null(rawOpen["outcome"]);
        Assert.Equal(0, (int)rawOpen["notifications"]!);
    }
}
