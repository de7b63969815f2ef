using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class SeedKnobsTests : SharedSandboxTest
{
    public SeedKnobsTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Reset_WithKnobs_MakesEverySeededRunThatRich()
    {
        var answer = await Reset(new { runs = 20, tasksPerRun = 12, commentsPerTask = 3, formFieldsPerTask = 6 });
        Assert.Equal("{\"ok\":true,\"runs\":20,\"seed\":42,\"tasksPerRun\":12,\"commentsPerTask\":3,\"formFieldsPerTask\":6}", answer.ToJsonString());
        var runs = await AllRuns(Api(), "archived=false&with=tasks.threads,tasks.form_fields");
        Assert.NotEmpty(runs);
        Assert.All(runs, r =>
        {
            var tasks = r["tasks"]!["data"]!.AsArray();
            Assert.Equal(12, tasks.Count);
            Assert.Equal(12, (int)r["progress"]!["total"]!);
            Assert.All(tasks, t =>
            {
                Assert.Equal(3, t!["threads"]!["data"]!.AsArray().Count);
                Assert.Equal(6, t["form_fields"]!["data"]!.AsArray().Count);
            });
        });
        var types = runs.SelectMany(r => r["tasks"]!["data"]!.AsArray()).SelectMany(t => t!["form_fields"]!["data"]!.AsArray()).Select(f => (string)f!["field_type"]!).Distinct().Count();
        Assert.True(types >= 8, types + " field types");
        var template = await Template(Api(), "Quarterly audit");
        Assert.Equal(12, (int)template["steps_count"]!);
        var info = await GetControl("_sandbox/info");
        Assert.Equal(12, (int)info["seedSettings"]!["tasksPerRun"]!);
    }

    [Fact]
    public async Task Reset_WithKnobs_KeepsTheSameRuns_AndWithoutThemTheDefaultData()
    {
        string Runs(System.Collections.Generic.List<JsonObject> all) => string.Join("|", all.Select(r => $"{r["id"]}/{r["name"]}/{r["status"]}/{r["archived_at"]}"));
        var c = Api();
        string defaults = Runs(await AllRuns(c));
        var defaultTasks = (await GetOk(c, RunsPath() + "?with=tasks&per_page=1"))["data"]![0]!["tasks"]!["data"]!.AsArray().Count;
        await Reset(new { tasksPerRun = 7, commentsPerTask = 0, formFieldsPerTask = 1 });
        Assert.Equal(defaults, Runs(await AllRuns(c)));
        var rich = (await GetOk(c, RunsPath() + "?with=tasks.threads,tasks.form_fields&per_page=1"))["data"]![0]!["tasks"]!["data"]!.AsArray();
        Assert.Equal(7, rich.Count);
        Assert.All(rich, t => { Assert.Empty(t!["threads"]!["data"]!.AsArray()); Assert.Single(t["form_fields"]!["data"]!.AsArray()); });
        await Reset();
        Assert.Equal(defaults, Runs(await AllRuns(c)));
        Assert.Equal(defaultTasks, (await GetOk(c, RunsPath() + "?with=tasks&per_page=1"))["data"]![0]!["tasks"]!["data"]!.AsArray().Count);
        Assert.Null((await GetControl("_sandbox/info"))["seedSettings"]!["tasksPerRun"]);
    }

    [Theory]
    [InlineData("{\"tasksPerRun\":0}")]
    [InlineData("{\"tasksPerRun\":26}")]
    [InlineData("{\"commentsPerTask\":-1}")]
    [InlineData("{\"commentsPerTask\":40}")]
    [InlineData("{\"formFieldsPerTask\":0}")]
    [InlineData("{\"formFieldsPerTask\":21}")]
    [InlineData("{\"tasksPerRun\":\"many\"}")]
    [InlineData("{\"runs\":-1}")]
    public async Task Reset_RefusesKnobsOutOfRange(string json)
    {
        using var r = await Control.PostAsync("_sandbox/reset", JsonBody(json));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.True((bool)body["error"]!);
        Assert.Null((await GetControl("_sandbox/info"))["seedSettings"]!["tasksPerRun"]);
    }
}
