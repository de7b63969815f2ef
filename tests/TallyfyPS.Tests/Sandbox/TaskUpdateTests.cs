using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class TaskUpdateTests : SharedSandboxTest
{
    private const string FinanceTeam = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01";

    public TaskUpdateTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    private static string TaskPath(JsonNode run, int index) => $"{RunsPath()}/{(string)run["id"]!}/tasks/{(string)run["tasks"]!["data"]![index]!["id"]!}";

    private static string TaskId(JsonNode run, int index) => (string)run["tasks"]!["data"]![index]!["id"]!;

    [Fact]
    public async Task Update_ChangesTitleSummaryAndDeadline_InBothDeadlineFormats()
    {
        var c = Api(Standard);
        var run = await Launched(Api(), "Quarterly audit");
        var t = await SeedHelpers.Data(Send(c, HttpMethod.Put, TaskPath(run, 0), new { title = "Collect the ledgers", summary = "All of them.", deadline = "2026-12-24 10:00:00" }));
        Assert.Equal(("Collect the ledgers", "All of them.", "2026-12-24T10:00:00.000Z"), ((string)t["title"]!, (string)t["summary"]!, (string)t["deadline"]!));
        t = await SeedHelpers.Data(Send(c, HttpMethod.Put, TaskPath(run, 0), new { deadline = "2027-01-15T08:00:00-05:00" }));
        Assert.Equal("2027-01-15T13:00:00.000Z", (string)t["deadline"]!);
        Assert.Equal("Collect the ledgers", (string)(await RawTask(TaskId(run, 0)))["title"]!);
        var (status, body, _) = await Send(c, HttpMethod.Put, TaskPath(run, 0), new { deadline = "tomorrow" });
        Assert422(status, body, "deadline");
        (status, body, _) = await Send(c, HttpMethod.Put, TaskPath(run, 0), new { title = "" });
        Assert422(status, body, "title");
    }

    [Fact]
    public async Task Update_WithPartialOwners_EmptiesTheBucketsNotSent()
    {
        var c = Api();
        var run = await Launched(c, "Quarterly audit");
        var full = new { users = new[] { 1001, 1002 }, guests = new[] { "olga.petrov@contoso.example" }, groups = new[] { FinanceTeam } };
        var t = await SeedHelpers.Data(Send(c, HttpMethod.Put, TaskPath(run, 1), new { owners = full }));
        Assert.Equal("{\"users\":[1001,1002],\"guests\":[\"olga.petrov@contoso.example\"],\"groups\":[\"" + FinanceTeam + "\"]}", t["owners"]!.ToJsonString());

        t = await SeedHelpers.Data(Send(c, HttpMethod.Put, TaskPath(run, 1), new { owners = new { users = new[] { 1004 } } }));
        Assert.Equal("{\"users\":[1004],\"guests\":[],\"groups\":[]}", t["owners"]!.ToJsonString());
        Assert.Equal("{\"users\":[1004],\"guests\":[],\"groups\":[]}", (await RawTask(TaskId(run, 1)))["owners"]!.ToJsonString());

        t = await SeedHelpers.Data(Send(c, HttpMethod.Put, TaskPath(run, 1), new { title = "No owners sent" }));
        Assert.Equal("{\"users\":[1004],\"guests\":[],\"groups\":[]}", t["owners"]!.ToJsonString()); // owners left alone when not sent
    }

    [Theory]
    [InlineData("{\"owners\":{\"users\":[424242]}}", "owners.users")]
    [InlineData("{\"owners\":{\"guests\":[\"not-an-email\"]}}", "owners.guests")]
    [InlineData("{\"owners\":{\"groups\":[\"nope\"]}}", "owners.groups")]
    [InlineData("{\"owners\":[1001]}", "owners")]
    [InlineData("{\"taskdata\":[1]}", "taskdata")]
    public async Task Update_RefusesBadOwnersAndTaskdata(string json, string field)
    {
        var run = await Launched(Api(), "Quarterly audit");
        var (status, body, _) = await Send(Api(), HttpMethod.Put, TaskPath(run, 0), json);
        Assert422(status, body, field);
    }

    [Fact]
    public async Task Update_Taskdata_StoresAnswersByFieldId_ReadBackWithFormFields_AndDropsUnknownKeys()
    {
        var c = Api();
        var run = await Launched(c, "Purchase request");
        string path = TaskPath(run, 1);
        var fields = (await GetOk(c, path + "?with=form_fields"))["data"]!["form_fields"]!["data"]!.AsArray();
        Assert.Equal(2, fields.Count);
        var taskdata = new JsonObject { ["Notes"] = "by label: dropped", ["0123456789abcdef0123456789abcdef"] = "unknown: dropped" };
        foreach (var f in fields)
        {
            taskdata[(string)f!["id"]!] = SeedHelpers.SampleValue(f);
        }

        var t = await SeedHelpers.Data(Send(c, HttpMethod.Put, path + "?with=form_fields", new JsonObject { ["taskdata"] = taskdata.DeepClone() }.ToJsonString()));
        var answered = t["form_fields"]!["data"]!.AsArray();
        Assert.All(answered, f => Assert.Equal(taskdata[(string)f!["id"]!]!.ToJsonString(), f["field_value"]!.ToJsonString()));
        var stored = (await RawTask(TaskId(run, 1)))["taskdata"]!.AsObject();
        Assert.Equal(fields.Select(f => (string)f!["id"]!).OrderBy(x => x), stored.Select(kv => kv.Key).OrderBy(x => x));
        Assert.All(stored, kv => Assert.Equal(taskdata[kv.Key]!.ToJsonString(), kv.Value!.ToJsonString()));
        var viaRun = (await GetOk(c, $"{RunsPath()}/{(string)run["id"]!}?with=tasks.form_fields"))["data"]!["tasks"]!["data"]![1]!["form_fields"]!["data"]!.AsArray();
        Assert.Equal(answered.ToJsonString(), viaRun.ToJsonString());
    }

    [Fact]
    public async Task Update_Taskdata_ChecksEachValueAgainstItsFieldType()
    {
        var c = Api();
        var runs = await AllRuns(c, "with=tasks.form_fields&archived=false");
        var target = runs.SelectMany(r => r["tasks"]!["data"]!.AsArray().Select(t => (Run: r, Task: t!)))
            .First(x => (string)x.Task["status"]! != "completed" && x.Task["form_fields"]!["data"]!.AsArray().Any(f => (string)f!["field_type"]! == "dropdown"));
        var dropdown = target.Task["form_fields"]!["data"]!.AsArray().First(f => (string)f!["field_type"]! == "dropdown")!;
        string path = $"{RunsPath()}/{(string)target.Run["id"]!}/tasks/{(string)target.Task["id"]!}";
        var (status, body, _) = await Send(c, HttpMethod.Put, path, new JsonObject { ["taskdata"] = new JsonObject { [(string)dropdown["id"]!] = "Yes" } }.ToJsonString());
        Assert422(status, body, "taskdata." + (string)dropdown["id"]!);
        (status, body, _) = await Send(c, HttpMethod.Put, path, new JsonObject { ["taskdata"] = new JsonObject { [(string)dropdown["id"]!] = null } }.ToJsonString());
        Assert.Equal((string)dropdown["label"]! + " is required", Assert422(status, body, "taskdata." + (string)dropdown["id"]!));
        await SeedHelpers.Data(Send(c, HttpMethod.Put, path, new JsonObject { ["taskdata"] = new JsonObject { [(string)dropdown["id"]!] = SeedHelpers.SampleValue(dropdown) } }.ToJsonString()));
    }

    [Fact]
    public async Task Update_OfACompletedTask_Is422()
    {
        var c = Api();
        var run = await Launched(c, "Quarterly audit");
        await SeedHelpers.Data(Send(c, HttpMethod.Post, $"{RunsPath()}/{(string)run["id"]!}/completed-tasks", new { task_id = TaskId(run, 0) }));
        var (status, body, _) = await Send(c, HttpMethod.Put, TaskPath(run, 0), new { title = "Too late" });
        Assert422(status, body, "task");
        Assert.Equal("Collect ledgers", (string)(await RawTask(TaskId(run, 0)))["title"]!);
    }

    [Fact]
    public async Task Update_IsRefusedToLightMembers_AndOnArchivedRuns_And404ForUnknownTasks()
    {
        var run = await Launched(Api(), "Quarterly audit");
        var (status, body, _) = await Send(Api(Light), HttpMethod.Put, TaskPath(run, 0), new { title = "x" });
        AssertForbidden(status, body);
        (status, body, _) = await Send(Api(), HttpMethod.Put, $"{RunsPath()}/{(string)run["id"]!}/tasks/0123456789abcdef0123456789abcdef", new { title = "x" });
        AssertNotFound(status, body);
        await Send(Api(), HttpMethod.Delete, $"{RunsPath()}/{(string)run["id"]!}");
        (status, body, _) = await Send(Api(), HttpMethod.Put, TaskPath(run, 0), new { title = "x" });
        AssertForbidden(status, body);
    }

    [Fact]
    public async Task UpdateOneOff_NeedsTitleDeadlineAndOwnersOnEveryCall()
    {
        var c = Api();
        var task = await SeedHelpers.Data(Send(c, HttpMethod.Post, TasksPath(), new { title = "Book the venue" }), HttpStatusCode.Created);
        string path = $"{TasksPath()}/{(string)task["id"]!}";
        var (status, body, _) = await Send(c, HttpMethod.Put, path, new { summary = "Only a summary" });
        Assert422(status, body, "title");
        Assert422(status, body, "deadline");
        Assert422(status, body, "owners");
        (status, body, _) = await Send(c, HttpMethod.Put, path, new { title = "Book the venue", deadline = "2026-12-01 09:00:00" });
        Assert.Equal(new[] { "owners" }, body!["errors"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal((HttpStatusCode)422, status);

        var t = await SeedHelpers.Data(Send(c, HttpMethod.Put, path, new { title = "Book the big venue", deadline = "2026-12-01 09:00:00", owners = new { users = new[] { 1002 } }, summary = "Seats 200." }));
        Assert.Equal(("Book the big venue", "2026-12-01T09:00:00.000Z", "Seats 200."), ((string)t["title"]!, (string)t["deadline"]!, (string)t["summary"]!));
        Assert.Equal("{\"users\":[1002],\"guests\":[],\"groups\":[]}", t["owners"]!.ToJsonString());
    }

    [Fact]
    public async Task UpdateOneOff_RefusesATaskOfARun_AndLightMembers()
    {
        var run = await Launched(Api(), "Quarterly audit");
        var body = new { title = "x", deadline = "2026-12-01 09:00:00", owners = new { users = new[] { 1001 } } };
        var (status, answer, _) = await Send(Api(), HttpMethod.Put, $"{TasksPath()}/{TaskId(run, 0)}", body);
        AssertForbidden(status, answer);
        var oneOff = (await GetOk(Api(), TasksPath() + "?is_oneoff=true"))["data"]![0]!;
        (status, answer, _) = await Send(Api(Light), HttpMethod.Put, $"{TasksPath()}/{(string)oneOff["id"]!}", body);
        AssertForbidden(status, answer);
        (status, answer, _) = await Send(Api(), HttpMethod.Put, $"{TasksPath()}/0123456789abcdef0123456789abcdef", body);
        AssertNotFound(status, answer);
    }

    [Fact]
    public async Task Update_IsRecordedInTheActivityFeed()
    {
        var c = Api(Standard);
        var run = await Launched(Api(), "Quarterly audit");
        await SeedHelpers.Data(Send(c, HttpMethod.Put, TaskPath(run, 0), new { title = "Collect the ledgers" }));
        var entry = Assert.Single((await GetOk(c, $"{OrgPath()}/activity-feeds?entity_type=task&entity_id={TaskId(run, 0)}"))["data"]!.AsArray())!;
        Assert.Equal(("updated", 1002, "title", "Collect ledgers", "Collect the ledgers"),
            ((string)entry["verb"]![0]!, (int)entry["actor_id"]![0]!, (string)entry["field"]!, (string)entry["old_value"]!, (string)entry["text"]!));
    }
}
