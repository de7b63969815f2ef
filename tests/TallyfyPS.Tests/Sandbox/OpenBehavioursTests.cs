using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>Issue 22 §5: deadline forms, a one-off task's deleted_at, completing a completed task, the archive answer's status, custom_fields.</summary>
public sealed class OpenBehavioursTests : OwnSandboxTest
{
    private async Task<JsonObject> OneOff(HttpClient c, string query = "") =>
        (JsonObject)(await GetOk(c, TasksPath() + "?is_oneoff=true&per_page=100" + query))["data"]!.AsArray().First()!;

    [Fact]
    public async Task Defaults_AndValidation()
    {
        var s = JsonNode.Parse(await Control.GetStringAsync("_sandbox/switches"))!;
        Assert.Equal("any", (string)s["deadlineForm"]!);
        Assert.Equal("archived_at", (string)s["oneOffArchiveMarker"]!);
        Assert.Equal("200", (string)s["completedTaskComplete"]!);
        Assert.Equal("live", (string)s["archiveAnswerStatus"]!);
        foreach (object wrong in new object[] { new { deadlineForm = "rfc" }, new { oneOffArchiveMarker = "gone_at" }, new { completedTaskComplete = "409" }, new { archiveAnswerStatus = "gone" } })
        {
            using var bad = await Control.PutAsync("_sandbox/switches", JsonBody(wrong));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }
    }

    [Fact]
    public async Task DeadlineFormIso_RefusesTheSpaceForm_AndTheLogShowsTheRawDeadline()
    {
        var c = Api();
        var body = new { title = "Deadline form", task_type = "task", owners = new { users = new[] { 1002 }, guests = new string[0], groups = new string[0] }, deadline = "2026-12-20 09:00:00" };
        long mark = await Log.LastSeqAsync();
        await Expect(HttpStatusCode.Created, c, HttpMethod.Post, TasksPath(), body); // any: both forms
        var raw = JsonNode.Parse(await Control.GetStringAsync($"_sandbox/requests?since={mark}"))!["data"]!.AsArray();
        Assert.Equal("\"2026-12-20 09:00:00\"", (string)raw.Single(e => (string)e!["method"]! == "POST")!["deadlines"]![0]!);

        await SetSwitches(new { deadlineForm = "iso" });
        var (status, answer, _) = await Send(c, HttpMethod.Post, TasksPath(), body);
        Assert.Contains("does not match the format", Assert422(status, answer, "deadline"));
        var iso = await Expect(HttpStatusCode.Created, c, HttpMethod.Post, TasksPath(), new { body.title, body.task_type, body.owners, deadline = "2026-12-20T09:00:00Z" });
        Assert.Equal("2026-12-20T09:00:00.000Z", (string)iso!["data"]!["deadline"]!);
        string id = (string)iso["data"]!["id"]!;
        (status, answer, _) = await Send(c, HttpMethod.Put, $"{TasksPath()}/{id}", new { title = "t", owners = body.owners, deadline = "2026-12-21 09:00:00" });
        Assert422(status, answer, "deadline");
    }

    [Fact]
    public async Task OneOffArchiveMarker_DeletedAt_ReplacesArchivedAtOnOneOffTasksOnly()
    {
        var c = Api();
        var archived = await OneOff(c, "&archived=only");
        Assert.NotNull(archived["archived_at"]);
        await SetSwitches(new { oneOffArchiveMarker = "deleted_at" });
        var again = await OneOff(c, "&archived=only");
        Assert.False(again.ContainsKey("archived_at"));
        Assert.Equal((string)archived["archived_at"]!, (string)again["deleted_at"]!);
        var runTask = (await GetOk(c, TasksPath() + "?per_page=5&is_oneoff=false"))["data"]!.AsArray().First()!;
        Assert.True(runTask.AsObject().ContainsKey("archived_at"));
    }

    [Fact]
    public async Task CompletedTaskComplete422_RefusesAndSendsNoNotification()
    {
        var c = Api();
        var t = await OneOff(c, "&status=active");
        string id = (string)t["id"]!;
        await Expect(HttpStatusCode.OK, c, HttpMethod.Post, $"{OrgPath()}/completed-tasks", new { task_id = id });
        int notified = (int)(await RawTask(id))["notifications"]!;
        await SetSwitches(new { completedTaskComplete = "422" });
        var (status, body, _) = await Send(c, HttpMethod.Post, $"{OrgPath()}/completed-tasks", new { task_id = id });
        Assert.Equal((HttpStatusCode)422, status);
        AssertError(body, "This task has already been completed.", "TASK_ALREADY_COMPLETED");
        Assert.Equal(notified, (int)(await RawTask(id))["notifications"]!);
    }

    [Fact]
    public async Task ArchiveAnswerStatusArchived_OnlyTheAnswerSaysArchived()
    {
        var c = Api();
        var run = await FirstRun(c, "status=active");
        string id = (string)run["id"]!;
        await SetSwitches(new { archiveAnswerStatus = "archived" });
        var answer = await Expect(HttpStatusCode.OK, c, HttpMethod.Delete, $"{RunsPath()}/{id}");
        Assert.Equal("archived", (string)answer!["data"]!["status"]!);
        Assert.NotNull(answer["data"]!["archived_at"]);
        Assert.Equal("active", (string)(await GetOk(c, $"{RunsPath()}/{id}"))["data"]!["status"]!);
        Assert.Equal("active", (string)(await RawRun(id))["status"]!);
    }

    [Fact]
    public async Task CustomFields_AreSeeded_Returned_AndKeptByUpdatesThatLeaveThemOut()
    {
        var c = Api();
        var runs = await AllRuns(c, "per_page=100");
        var withFields = runs.Where(r => r.ContainsKey("custom_fields")).ToList();
        Assert.NotEmpty(withFields);
        Assert.True(withFields.Count < runs.Count);
        var run = withFields.First(r => r["archived_at"] is null);
        string id = (string)run["id"]!;
        Assert.StartsWith("CC-", (string)run["custom_fields"]!["cost_center"]!);
        var tasks = (await GetOk(c, $"{RunsPath()}/{id}?with=tasks"))["data"]!["tasks"]!["data"]!.AsArray();
        Assert.Equal(24, (int)tasks[0]!["custom_fields"]!["sla_hours"]!);
        Assert.Contains((await GetOk(c, TemplatesPath() + "?per_page=100"))["data"]!.AsArray(), t => t!["custom_fields"] is JsonObject);

        await Expect(HttpStatusCode.OK, c, HttpMethod.Put, $"{RunsPath()}/{id}", new { name = "Renamed, fields kept" });
        Assert.Equal(run["custom_fields"]!.ToJsonString(), (await RawRun(id))["customFields"]!.ToJsonString());
        await Expect(HttpStatusCode.OK, c, HttpMethod.Put, $"{RunsPath()}/{id}", new { custom_fields = new { } });
        Assert.Null((await RawRun(id))["customFields"]);
    }
}
