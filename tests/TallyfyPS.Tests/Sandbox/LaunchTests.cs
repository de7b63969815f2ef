using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class LaunchTests : SharedSandboxTest
{
    private const string Finance = "f01de5a0b1c2d3e4f5a6b7c8d9e0f101";
    private const string People = "f01de5a0b1c2d3e4f5a6b7c8d9e0f102";
    private const string FinanceTeam = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01";
    private const string Leadership = "9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d04";
    private const string UrgentTag = "a1f0c3e2b4d5968778695a4b3c2d1e05";

    public LaunchTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Launch_MakesOneTaskPerStep_WithTheStepsIdsTypesAndFormFields()
    {
        var c = Api();
        var template = await Template(c, "Vendor onboarding");
        var run = await Launched(c, "Vendor onboarding");
        var steps = template["steps"]!["data"]!.AsArray();
        var tasks = run["tasks"]!["data"]!.AsArray();
        Assert.Equal(steps.Count, tasks.Count);
        for (int i = 0; i < steps.Count; i++)
        {
            Assert.Equal((string)steps[i]!["id"]!, (string)tasks[i]!["step_id"]!);
            Assert.Equal((string)steps[i]!["title"]!, (string)tasks[i]!["title"]!);
            Assert.Equal((string)steps[i]!["step_type"]!, (string)tasks[i]!["task_type"]!);
            Assert.Equal(i + 1, (int)tasks[i]!["position"]!);
            Assert.Equal(i == 0 ? "active" : "not-started", (string)tasks[i]!["status"]!);
            var fields = (await GetOk(c, $"{TasksPath()}/{(string)tasks[i]!["id"]!}?with=form_fields"))["data"]!["form_fields"]!["data"]!.AsArray();
            Assert.Equal(steps[i]!["captures"]!.AsArray().Select(f => (string)f!["id"]!), fields.Select(f => (string)f!["id"]!));
            Assert.All(fields, f => Assert.Null(f!["field_value"]));
        }

        Assert.Contains(tasks, t => (string)t!["task_type"]! == "approval");
        Assert.Contains(tasks, t => (string)t!["task_type"]! == "expiring_email");
        Assert.Equal(new[] { 1001 }, run["users"]!.AsArray().Select(u => (int)u!));
        Assert.Empty(run["groups"]!.AsArray());
        Assert.Equal(1001, (int)run["owner_id"]!);
    }

    [Fact]
    public async Task Launch_DropsPrerunKeysThatAreNoFieldIdOfTheTemplate_AndStillAnswers201()
    {
        var c = Api();
        string budget = "";
        var run = await Launched(c, "Quarterly audit", edit: (b, t) =>
        {
            budget = (string)SeedHelpers.KickoffField(t, "Budget (USD)")["id"]!;
            b["prerun"]!["Budget (USD)"] = "1200";  // a label
            b["prerun"]!["budget"] = "1300";        // an alias
            b["prerun"]![budget.Substring(0, 31) + "0"] = "1400"; // a typo of the id
        });
        var stored = (await RawRun((string)run["id"]!))["prerun"]!.AsObject();
        Assert.Null(stored[budget]);
        Assert.DoesNotContain(stored, kv => kv.Key is "Budget (USD)" or "budget" || kv.Key.StartsWith(budget.Substring(0, 31), StringComparison.Ordinal) && kv.Key != budget);
        Assert.DoesNotContain(run["prerun"]!.AsObject(), kv => kv.Key is "Budget (USD)" or "budget");
        var template = await Template(c, "Quarterly audit");
        Assert.Equal(template["prerun"]!.AsArray().Select(f => (string)f!["id"]!).OrderBy(x => x), stored.Select(kv => kv.Key).OrderBy(x => x));
    }

    [Fact]
    public async Task Launch_WithoutARequiredKickoffField_Is422_KeyedByFieldId_WithLabelIsRequired()
    {
        var c = Api();
        var template = await Template(c, "Employee onboarding");
        string startDate = (string)SeedHelpers.KickoffField(template, "Start date")["id"]!;
        string type = (string)SeedHelpers.KickoffField(template, "Employment type")["id"]!;
        var (status, body, _) = await Launch(c, "Employee onboarding", "x", (b, _) =>
        {
            b["prerun"]!.AsObject().Remove(startDate);
            b["prerun"]![type] = "";
        });
        Assert.Equal("Start date is required", Assert422(status, body, "prerun." + startDate));
        Assert.Equal("Employment type is required", Assert422(status, body, "prerun." + type));
        Assert.Equal(2, body!["errors"]!.AsObject().Count);

        (status, body, _) = await Send(c, HttpMethod.Post, RunsPath(), new { checklist_id = (string)template["id"]!, name = "No prerun at all" });
        Assert.Equal(template["prerun"]!.AsArray().Count(f => (bool)f!["required"]!), body!["errors"]!.AsObject().Count(kv => kv.Key.StartsWith("prerun.", StringComparison.Ordinal)));
        Assert.Equal((HttpStatusCode)422, status);
    }

    [Fact]
    public async Task Launch_StoresAValueOfEveryFieldType_AsSent()
    {
        var c = Api();
        var template = await Template(c, "Purchase request");
        var prerun = new JsonObject();
        foreach (var f in template["prerun"]!.AsArray())
        {
            prerun[(string)f!["id"]!] = SeedHelpers.SampleValue(f);
        }

        var run = await Launched(c, "Purchase request", edit: (b, _) => b["prerun"] = prerun.DeepClone());
        var stored = (await RawRun((string)run["id"]!))["prerun"]!;
        Assert.Equal(10 + 3, prerun.Count);
        foreach (var kv in prerun)
        {
            Assert.Equal(kv.Value!.ToJsonString(), stored[kv.Key]!.ToJsonString());
            Assert.Equal(kv.Value!.ToJsonString(), run["prerun"]![kv.Key]!.ToJsonString());
        }

        var ko = (await GetOk(c, $"{RunsPath()}/{(string)run["id"]!}?with=ko_form_fields"))["data"]!["ko_form_fields"]!["data"]!.AsArray();
        Assert.All(ko, k => Assert.Equal(prerun[(string)k!["id"]!]!.ToJsonString(), k["field_value"]!.ToJsonString()));
    }

    [Theory]
    [InlineData("Cost center", "\"CC-100 Operations\"")]                 // dropdown: a string, not {id,text}
    [InlineData("Cost center", "{\"id\":999,\"text\":\"CC-100 Operations\"}")] // no such option
    [InlineData("Cost center", "{\"id\":OPTION,\"text\":\"Something else\"}")] // id and text disagree
    [InlineData("Approvals needed", "{\"id\":OPTION,\"text\":\"Manager\"}")]   // multiselect: not a list
    [InlineData("Approvals needed", "[{\"id\":999,\"text\":\"Nobody\",\"selected\":true}]")]
    [InlineData("Line items", "[\"one\",\"two\"]")]                       // table: 2 entries for 3 columns
    [InlineData("Approvers", "[1001]")]                                   // assignees_form: not an object
    [InlineData("Approvers", "{\"users\":[424242],\"guests\":[],\"groups\":[]}")] // not a member
    [InlineData("Needed by", "\"next Tuesday\"")]                          // date: not ISO 8601
    [InlineData("Quote", "[{\"filename\":\"quote.pdf\"}]")]               // file: no url
    [InlineData("Supplier email", "\"not-an-email\"")]
    [InlineData("Priority", "\"Whenever\"")]                              // radio: not one of its options
    [InlineData("Item", "42")]                                            // text: not a string
    public async Task Launch_RefusesAValueOfTheWrongShape_With422OnThatField(string label, string json)
    {
        var c = Api();
        var template = await Template(c, "Purchase request");
        var field = SeedHelpers.KickoffField(template, label);
        string id = (string)field["id"]!;
        string option = field["options"]!.AsArray().Count > 0 ? field["options"]![0]!["id"]!.ToJsonString() : "0";
        var (status, body, _) = await Launch(c, "Purchase request", "Bad " + label, (b, _) => b["prerun"]![id] = JsonNode.Parse(json.Replace("OPTION", option, StringComparison.Ordinal)));
        string message = Assert422(status, body, "prerun." + id);
        Assert.StartsWith(label, message);
        Assert.Single(body!["errors"]!.AsObject());
    }

    [Fact]
    public async Task Launch_TakesTagsFoldersUsersGroupsOwnerSummaryAndFlags()
    {
        var c = Api();
        var run = await Launched(c, "Quarterly audit", "Audit with everything", (b, _) =>
        {
            b["summary"] = "All the options.";
            b["owner_id"] = 1005;
            b["starred"] = true;
            b["is_public"] = true;
            b["tags"] = new JsonArray(UrgentTag, "finance");
            b["folders"] = new JsonArray(Finance, People);
            b["users"] = new JsonArray(1002, 1004);
            b["groups"] = new JsonArray(FinanceTeam, Leadership);
        });
        Assert.Equal("All the options.", (string)run["summary"]!);
        Assert.Equal(1005, (int)run["owner_id"]!);
        Assert.Equal(1001, (int)run["started_by"]!);
        Assert.True((bool)run["starred"]!);
        Assert.True((bool)run["is_public"]!);
        Assert.Equal(new[] { "urgent", "finance" }, run["tags"]!["data"]!.AsArray().Select(t => (string)t!["title"]!));
        Assert.Equal(new[] { Finance, People }, run["folders"]!["data"]!.AsArray().Select(f => (string)f!["id"]!));
        Assert.Equal(new[] { 1002, 1004 }, run["users"]!.AsArray().Select(u => (int)u!));
        Assert.Equal(new[] { FinanceTeam, Leadership }, run["groups"]!.AsArray().Select(g => (string)g!));
        string id = (string)run["id"]!;
        Assert.Contains(await AllRuns(c, "folder=" + People), r => (string)r["id"]! == id);
        Assert.Contains(await AllRuns(c, "tag=" + UrgentTag), r => (string)r["id"]! == id);
    }

    [Fact]
    public async Task Launch_TakesDeadlinesAndOwnersPerStep_InBothDeadlineFormats()
    {
        var c = Api();
        var template = await Template(c, "Customer escalation");
        var steps = template["steps"]!["data"]!.AsArray();
        string first = (string)steps[0]!["id"]!, second = (string)steps[1]!["id"]!;
        var run = await Launched(c, "Customer escalation", edit: (b, _) => b["tasks"] = new JsonObject
        {
            [first] = new JsonObject { ["deadline"] = "2026-12-24 10:00:00", ["owners"] = new JsonObject { ["users"] = new JsonArray(1002), ["guests"] = new JsonArray("sam.lee@northwind.example"), ["groups"] = new JsonArray(FinanceTeam) } },
            [second] = new JsonObject { ["deadline"] = "2026-12-31T17:30:00+01:00" },
            ["0123456789abcdef0123456789abcdef"] = new JsonObject { ["deadline"] = "2027-01-01 00:00:00" }, // no such step: ignored
        });
        var tasks = run["tasks"]!["data"]!.AsArray();
        Assert.Equal("2026-12-24T10:00:00.000Z", (string)tasks[0]!["deadline"]!);
        Assert.Equal("{\"users\":[1002],\"guests\":[\"sam.lee@northwind.example\"],\"groups\":[\"" + FinanceTeam + "\"]}", tasks[0]!["owners"]!.ToJsonString());
        Assert.Equal("2026-12-31T16:30:00.000Z", (string)tasks[1]!["deadline"]!);
        Assert.Equal(new[] { 1001 }, tasks[1]!["owners"]!["users"]!.AsArray().Select(u => (int)u!)); // the launcher by default

        var (status, body, _) = await Launch(c, "Customer escalation", "x", (b, _) => b["tasks"] = new JsonObject { [first] = new JsonObject { ["deadline"] = "soon" } });
        Assert422(status, body, $"tasks.{first}.deadline");
        (status, body, _) = await Launch(c, "Customer escalation", "x", (b, _) => b["tasks"] = new JsonObject { [first] = new JsonObject { ["owners"] = new JsonObject { ["users"] = new JsonArray(2001) } } });
        Assert422(status, body, $"tasks.{first}.owners.users");
    }

    [Theory]
    [InlineData("users", "[1001, 424242]", "users.1")]
    [InlineData("users", "[2001]", "users.0")]                 // a member of another organization
    [InlineData("groups", "[\"0123456789abcdef0123456789abcdef\"]", "groups.0")]
    [InlineData("folders", "[\"f01de5a0b1c2d3e4f5a6b7c8d9e0f201\"]", "folders.0")] // a template folder, not a run folder
    [InlineData("owner_id", "424242", "owner_id")]
    [InlineData("prerun", "[1,2]", "prerun")]
    public async Task Launch_RefusesUnknownPeopleGroupsAndFolders(string key, string json, string field)
    {
        var (status, body, _) = await Launch(Api(), "Quarterly audit", "x", (b, _) => b[key] = JsonNode.Parse(json));
        Assert422(status, body, field);
    }

    [Fact]
    public async Task Launch_Twice_MakesTwoRuns_ThereIsNoIdempotency()
    {
        var c = Api();
        var template = await Template(c, "Expense approval");
        string body = new JsonObject { ["checklist_id"] = (string)template["id"]!, ["name"] = "Same request twice", ["prerun"] = SeedHelpers.RequiredPrerun(template) }.ToJsonString();
        var (s1, b1, _) = await Send(c, HttpMethod.Post, RunsPath(), body);
        var (s2, b2, _) = await Send(c, HttpMethod.Post, RunsPath(), body);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (s1, s2));
        Assert.NotEqual((string)b1!["data"]!["id"]!, (string)b2!["data"]!["id"]!);
        Assert.Equal(2, (await AllRuns(c, "q=Same%20request%20twice")).Count);
    }

    [Fact]
    public async Task Launch_IsRecordedInTheActivityFeed_WithTheLauncher()
    {
        var run = await Launched(Api(Standard), "Contract review", "Contract for Initech");
        var feed = await GetOk(Api(), $"{OrgPath()}/activity-feeds?entity_type=run&entity_id={(string)run["id"]!}");
        var entry = Assert.Single(feed["data"]!.AsArray())!;
        Assert.Equal("created", (string)entry["verb"]![0]!);
        Assert.Equal(1002, (int)entry["actor_id"]![0]!);
        Assert.Contains("Contract for Initech", (string)entry["description"]![0]!);
    }
}
