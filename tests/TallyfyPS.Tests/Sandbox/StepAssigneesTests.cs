using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>Template steps and their assignees: GET one step, PUT (title required; each omitted bucket detaches everyone in it), launches.</summary>
public sealed class StepAssigneesTests : SharedSandboxTest
{
    private const string FinanceTeam = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01";
    private const string CustomerSuccess = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d03";
    private const string Legal = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d06";

    public StepAssigneesTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    private static async Task<(string Template, string Step)> StepOf(HttpClient c, string title, int position)
    {
        var t = await Template(c, title);
        return ((string)t["id"]!, (string)t["steps"]!["data"]!.AsArray()[position - 1]!["id"]!);
    }

    private static string StepPath(string template, string step) => $"{TemplatesPath()}/{template}/steps/{step}";

    private static string Buckets(JsonNode step) =>
        new JsonObject { ["assignees"] = step["assignees"]!.DeepClone(), ["guests"] = step["guests"]!.DeepClone(), ["groups"] = step["groups"]!.DeepClone() }.ToJsonString();

    [Fact]
    public async Task AStep_ShowsItsAssigneesGuestsAndGroups_ReadAlone_InTheStepsList_AndWithSteps()
    {
        var c = Api(Light);
        var (template, step) = await StepOf(c, "Quarterly audit", 1);
        var one = (await GetOk(c, StepPath(template, step)))["data"]!;
        Assert.Equal(("Collect ledgers", 1), ((string)one["title"]!, (int)one["position"]!));
        string expected = "{\"assignees\":[1002,1005],\"guests\":[\"olga.petrov@contoso.example\"],\"groups\":[\"" + FinanceTeam + "\"]}";
        Assert.Equal(expected, Buckets(one));
        var listed = (await GetOk(c, $"{TemplatesPath()}/{template}/steps"))["data"]!.AsArray();
        Assert.Equal(expected, Buckets(listed[0]!));
        Assert.Equal("{\"assignees\":[],\"guests\":[],\"groups\":[]}", Buckets(listed[1]!));
        Assert.Equal(expected, Buckets((await Template(c, "Quarterly audit"))["steps"]!["data"]!.AsArray()[0]!));

        // Marco Reyes (1002) is on steps of several templates, beside other people
        var all = (await GetOk(c, $"{TemplatesPath()}?with=steps&per_page=100"))["data"]!.AsArray();
        var marcos = all.Where(t => t!["steps"]!["data"]!.AsArray().Any(s => s!["assignees"]!.AsArray().Any(u => (int)u! == 1002))).ToList();
        Assert.True(marcos.Count >= 2);
        var (status, body, _) = await Send(c, HttpMethod.Get, StepPath(template, "0123456789abcdef0123456789abcdef"));
        AssertNotFound(status, body);
        (status, body, _) = await Send(c, HttpMethod.Get, StepPath("0123456789abcdef0123456789abcdef", step));
        AssertNotFound(status, body);
    }

    [Fact]
    public async Task Update_ReplacesTheThreeBuckets_AndTheTitleAndSummary()
    {
        var c = Api();
        var (template, step) = await StepOf(c, "Customer escalation", 1);
        var data = await SeedHelpers.Data(Send(c, HttpMethod.Put, StepPath(template, step), new
        {
            title = "Triage the ticket",
            summary = "Within an hour.",
            assignees = new[] { 1003, 1004 },
            guests = new[] { "sam.lee@northwind.example" },
            groups = new[] { CustomerSuccess, Legal },
        }), HttpStatusCode.OK);
        Assert.Equal(("Triage the ticket", "Within an hour."), ((string)data["title"]!, (string)data["summary"]!));
        string expected = "{\"assignees\":[1003,1004],\"guests\":[\"sam.lee@northwind.example\"],\"groups\":[\"" + CustomerSuccess + "\",\"" + Legal + "\"]}";
        Assert.Equal(expected, Buckets(data));
        Assert.Equal(expected, Buckets((await GetOk(c, StepPath(template, step)))["data"]!));
        var feed = await GetOk(c, $"{OrgPath()}/activity-feeds?entity_type=step&entity_id={step}");
        Assert.Contains("\"updated\"", feed["data"]!.AsArray()[0]!["verb"]!.ToJsonString()); // a string or a one-element array (switch activityFieldsAsArrays)
    }

    [Fact]
    public async Task Trap_AnUpdateWithoutABucket_DetachesEveryoneInIt()
    {
        var c = Api(Standard);
        var (template, step) = await StepOf(c, "Quarterly audit", 1);
        var data = await SeedHelpers.Data(Send(c, HttpMethod.Put, StepPath(template, step), new { title = "Collect ledgers", assignees = new[] { 1002 } }), HttpStatusCode.OK);
        Assert.Equal("{\"assignees\":[1002],\"guests\":[],\"groups\":[]}", Buckets(data));
        Assert.Equal("Collect ledgers.", (string)data["summary"]!); // a summary left out stays
        data = await SeedHelpers.Data(Send(c, HttpMethod.Put, StepPath(template, step), new { title = "Collect ledgers" }), HttpStatusCode.OK);
        Assert.Equal("{\"assignees\":[],\"guests\":[],\"groups\":[]}", Buckets(data));
    }

    [Theory]
    [InlineData("{\"assignees\":[1002],\"guests\":[],\"groups\":[]}", "title")]
    [InlineData("{\"title\":\"  \",\"assignees\":[1002],\"guests\":[],\"groups\":[]}", "title")]
    [InlineData("{\"title\":\"x\",\"assignees\":[2001],\"guests\":[],\"groups\":[]}", "assignees")]
    [InlineData("{\"title\":\"x\",\"assignees\":[],\"guests\":[\"not an email\"],\"groups\":[]}", "guests")]
    [InlineData("{\"title\":\"x\",\"assignees\":[],\"guests\":[],\"groups\":[\"0123456789abcdef0123456789abcdef\"]}", "groups")]
    public async Task Update_RefusesAMissingTitleAndUnknownPeople_ChangingNothing(string json, string field)
    {
        var c = Api();
        var (template, step) = await StepOf(c, "Quarterly audit", 1);
        string before = (await GetOk(c, StepPath(template, step)))["data"]!.ToJsonString();
        var (status, body, _) = await Send(c, HttpMethod.Put, StepPath(template, step), json);
        Assert422(status, body, field);
        Assert.Equal(before, (await GetOk(c, StepPath(template, step)))["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Update_IsForAdminsAndStandardMembers_LightOnesGet403_UnknownStep404()
    {
        var (template, step) = await StepOf(Api(), "Quarterly audit", 1);
        var (status, body, _) = await Send(Api(Light), HttpMethod.Put, StepPath(template, step), new { title = "x", assignees = new int[0], guests = new string[0], groups = new string[0] });
        AssertForbidden(status, body);
        (status, body, _) = await Send(Api(), HttpMethod.Put, StepPath(template, "0123456789abcdef0123456789abcdef"), new { title = "x" });
        AssertNotFound(status, body);
    }

    [Fact]
    public async Task Trap_AGuestEmailThatIsNobodys_BecomesAGuestSilently()
    {
        var c = Api();
        var (template, step) = await StepOf(c, "Quarterly audit", 1);
        await SeedHelpers.Data(Send(c, HttpMethod.Put, StepPath(template, step), new { title = "Collect ledgers", assignees = new[] { 1002 }, guests = new[] { "olga.petrov@contoso.example", "typo.colleague@acme.exampel" }, groups = new string[0] }), HttpStatusCode.OK);
        var guests = (await GetOk(c, $"{OrgPath()}/guests?q=typo.colleague"))["data"]!.AsArray();
        Assert.Equal("typo.colleague@acme.exampel", (string)Assert.Single(guests)!["email"]!);
    }

    [Fact]
    public async Task Launch_GivesEachTaskItsStepsAssignees_DroppingDisabledMembers_UnlessTheLaunchNamesOwners()
    {
        var c = Api();
        var run = await Launched(c, "Contract review");
        var tasks = run["tasks"]!["data"]!.AsArray();
        Assert.Equal("{\"users\":[1001],\"guests\":[],\"groups\":[]}", tasks[0]!["owners"]!.ToJsonString()); // nobody on the step: the launcher
        // Legal approval: Amara Okafor (1007, disabled), a guest and a group
        Assert.Equal("{\"users\":[],\"guests\":[\"rita.gomez@fabrikam.example\"],\"groups\":[\"" + Legal + "\"]}", tasks[3]!["owners"]!.ToJsonString());

        var (_, step) = await StepOf(c, "Quarterly audit", 1);
        run = await Launched(c, "Quarterly audit", edit: (b, _) => b["tasks"] = new JsonObject { [step] = new JsonObject { ["owners"] = new JsonObject { ["users"] = new JsonArray(1004) } } });
        Assert.Equal("{\"users\":[1004],\"guests\":[],\"groups\":[]}", run["tasks"]!["data"]!.AsArray()[0]!["owners"]!.ToJsonString());
        run = await Launched(c, "Quarterly audit");
        Assert.Equal("{\"users\":[1002,1005],\"guests\":[\"olga.petrov@contoso.example\"],\"groups\":[\"" + FinanceTeam + "\"]}", run["tasks"]!["data"]!.AsArray()[0]!["owners"]!.ToJsonString());
    }
}
