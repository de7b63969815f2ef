using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class TemplatesTests : SharedSandboxTest
{
    private static readonly Regex Hex32 = new Regex("^[0-9a-f]{32}$");

    public TemplatesTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    private static IEnumerable<JsonNode> Fields(JsonNode template) => template["prerun"]!.AsArray().Select(f => f!);

    [Fact]
    public async Task List_ShowsTheLiveTemplates_WithTheirKickoffFieldsInline()
    {
        var body = await GetOk(Api(), TemplatesPath());
        var data = body["data"]!.AsArray();
        var p = body["meta"]!["pagination"]!;
        Assert.Equal(8, (int)p["total"]!); // nine templates, one archived
        Assert.Equal(8, data.Count);
        Assert.Equal(data.Select(t => (string)t!["title"]!).OrderBy(x => x, StringComparer.OrdinalIgnoreCase), data.Select(t => (string)t!["title"]!)); // sort_by=title by default
        var t0 = data[0]!.AsObject();
        foreach (string f in new[] { "id", "title", "summary", "type", "status", "starred", "owner_id", "created_by", "steps_count", "is_pinned", "created_at", "last_updated", "archived_at", "prerun" })
        {
            Assert.True(t0.ContainsKey(f), "missing field " + f);
        }

        Assert.All(data, t =>
        {
            Assert.Matches(Hex32, (string)t!["id"]!);
            Assert.Null(t["archived_at"]);
            Assert.False(t.AsObject().ContainsKey("steps"));
            Assert.All(Fields(t), f =>
            {
                Assert.Matches(Hex32, (string)f["id"]!);
                Assert.False(string.IsNullOrEmpty((string?)f["alias"]));
                Assert.False(string.IsNullOrEmpty((string?)f["label"]));
                Assert.IsType<JsonArray>(f["options"]);
                Assert.IsType<JsonArray>(f["columns"]);
            });
        });

        var page2 = await GetOk(Api(), TemplatesPath() + "?per_page=3&page=2");
        Assert.Equal(data.Skip(3).Take(3).Select(t => (string)t!["id"]!), page2["data"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.Equal(3, (int)page2["meta"]!["pagination"]!["total_pages"]!);
    }

    [Fact]
    public async Task Seed_KickoffFieldsCoverEveryFieldType_WithOptionsColumnsAndRequiredOnes()
    {
        var all = await AllPages(Api(), TemplatesPath(), "archived=true");
        Assert.Equal(9, all.Count);
        var fields = all.SelectMany(Fields).ToList();
        var everyType = new[] { "text", "textarea", "radio", "dropdown", "multiselect", "date", "email", "file", "table", "assignees_form" };
        Assert.Equal(everyType.OrderBy(x => x), fields.Select(f => (string)f["field_type"]!).Distinct().OrderBy(x => x));
        var purchase = all.Single(t => (string)t["title"]! == "Purchase request");
        Assert.Superset(everyType.ToHashSet(), Fields(purchase).Select(f => (string)f["field_type"]!).ToHashSet());
        Assert.Contains(fields, f => (bool)f["required"]!);
        Assert.Contains(fields, f => !(bool)f["required"]!);
        Assert.All(fields.Where(f => (string)f["field_type"]! is "radio" or "dropdown" or "multiselect"), f =>
        {
            var options = f["options"]!.AsArray();
            Assert.NotEmpty(options);
            Assert.All(options, o => { Assert.True(o!["id"]!.GetValueKind() == System.Text.Json.JsonValueKind.Number); Assert.False(string.IsNullOrEmpty((string?)o["text"])); });
        });
        Assert.All(fields.Where(f => (string)f["field_type"]! == "table"), f =>
            Assert.All(f["columns"]!.AsArray(), col => { Assert.False(string.IsNullOrEmpty((string?)col!["id"])); Assert.False(string.IsNullOrEmpty((string?)col["label"])); }));
        Assert.Equal(fields.Count, fields.Select(f => (string)f["id"]!).Distinct().Count());
    }

    [Fact]
    public async Task Steps_HaveTimelineIdsTitlesTypesAliases_AndFormFieldsOfSeveralTypes()
    {
        var c = Api();
        var all = await AllPages(c, TemplatesPath());
        var steps = new List<JsonNode>();
        foreach (var t in all)
        {
            var body = await GetOk(c, $"{TemplatesPath()}/{(string)t["id"]!}/steps");
            var data = body["data"]!.AsArray();
            Assert.Equal((int)t["steps_count"]!, data.Count);
            Assert.Equal(Enumerable.Range(1, data.Count), data.Select(s => (int)s!["position"]!));
            steps.AddRange(data.Select(s => s!));
        }

        Assert.All(steps, s =>
        {
            Assert.Matches(Hex32, (string)s["id"]!);
            Assert.False(string.IsNullOrEmpty((string?)s["title"]));
            Assert.False(string.IsNullOrEmpty((string?)s["alias"]));
            Assert.NotEmpty(s["captures"]!.AsArray());
        });
        Assert.Superset(new HashSet<string> { "task", "approval", "expiring", "email", "expiring_email" }, steps.Select(s => (string)s["step_type"]!).ToHashSet());
        Assert.True(steps.SelectMany(s => s["captures"]!.AsArray()).Select(f => (string)f!["field_type"]!).Distinct().Count() >= 8);
    }

    [Fact]
    public async Task List_Filters_Q_Status_Type_Starred_Folder_Tag_Owner_Archived()
    {
        var c = Api();
        var all = await AllPages(c, TemplatesPath(), "archived=true&with=tags");
        async Task Check(string query, Func<JsonObject, bool> expected)
        {
            var got = await AllPages(c, TemplatesPath(), query);
            var want = all.Where(expected).Select(t => (string)t["id"]!).OrderBy(x => x).ToList();
            Assert.NotEmpty(want);
            Assert.Equal(want, got.Select(t => (string)t["id"]!).OrderBy(x => x).ToList());
        }

        bool Live(JsonObject t) => t["archived_at"] is null;
        bool Tagged(JsonObject t, string title) => t["tags"]!["data"]!.AsArray().Any(x => (string)x!["title"]! == title);
        await Check("q=ONBOARD", t => Live(t) && ((string)t["title"]!).Contains("onboard", StringComparison.OrdinalIgnoreCase));
        await Check("status=draft", t => Live(t) && (string)t["status"]! == "draft");
        await Check("type=form", t => Live(t) && (string)t["type"]! == "form");
        await Check("starred=true", t => Live(t) && (bool)t["starred"]!);
        await Check("starred=false", t => Live(t) && !(bool)t["starred"]!);
        string folder = (string)all.First(t => t["folder_id"] is not null)["folder_id"]!;
        await Check("folder=" + folder, t => Live(t) && (string?)t["folder_id"] == folder);
        string tagId = (string)all.SelectMany(t => t["tags"]!["data"]!.AsArray()).First(x => (string)x!["title"]! == "compliance")!["id"]!;
        await Check("tag=" + tagId, t => Live(t) && Tagged(t, "compliance"));
        await Check("owner_id=1005", t => Live(t) && (int)t["owner_id"]! == 1005);
        await Check("archived=only", t => !Live(t));
        await Check("archived=true", t => true);
        Assert.Empty((await GetOk(c, TemplatesPath() + "?q=no-such-template"))["data"]!.AsArray());
    }

    [Theory]
    [InlineData("title")]
    [InlineData("-title")]
    [InlineData("created_at")]
    [InlineData("-created_at")]
    [InlineData("last_updated")]
    [InlineData("-last_updated")]
    public async Task List_SortBy_Orders(string sortBy)
    {
        var got = await AllPages(Api(), TemplatesPath(), "sort_by=" + sortBy);
        string key = sortBy.TrimStart('-');
        var values = got.Select(t => (string)t[key]!).ToList();
        var sorted = sortBy.StartsWith('-') ? values.OrderByDescending(x => x, StringComparer.OrdinalIgnoreCase) : values.OrderBy(x => x, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(sorted, values);
    }

    [Fact]
    public async Task List_SortBy_Unknown_Is422()
    {
        var (status, body, _) = await Send(Api(), HttpMethod.Get, TemplatesPath() + "?sort_by=bogus");
        Assert422(status, body, "sort_by");
    }

    [Fact]
    public async Task GetOne_AlwaysHasItsKickoffFields_AndWithStepsTagsFolderWrapsThem()
    {
        var c = Api();
        var audit = await Template(c, "Quarterly audit");
        string id = (string)audit["id"]!;
        var plain = (await GetOk(c, $"{TemplatesPath()}/{id}"))["data"]!.AsObject();
        Assert.Equal(audit["prerun"]!.ToJsonString(), plain["prerun"]!.ToJsonString());
        Assert.False(plain.ContainsKey("steps"));
        Assert.False(plain.ContainsKey("tags"));
        Assert.False(plain.ContainsKey("folder"));
        var rich = (await GetOk(c, $"{TemplatesPath()}/{id}?with=steps,tags,folder"))["data"]!;
        Assert.Equal(5, rich["steps"]!["data"]!.AsArray().Count);
        Assert.Equal(new[] { "finance", "q3" }, rich["tags"]!["data"]!.AsArray().Select(t => (string)t!["title"]!));
        Assert.All(rich["tags"]!["data"]!.AsArray(), t => Assert.Matches(Hex32, (string)t!["association_id"]!));
        Assert.Equal("Finance templates", (string)rich["folder"]!["data"]!["name"]!);
        Assert.Equal((string)rich["folder_id"]!, (string)rich["folder"]!["data"]!["id"]!);
        var noFolder = (await GetOk(c, $"{TemplatesPath()}/{(string)(await Template(c, "Contract review"))["id"]!}?with=folder"))["data"]!;
        Assert.True(noFolder.AsObject().ContainsKey("folder"));
        Assert.Null(noFolder["folder"]!["data"]);
    }

    [Fact]
    public async Task GetOne_OfAnArchivedOrUnknownTemplate_Is404()
    {
        var c = Api();
        var archived = await Template(c, "Office move");
        Assert.NotNull(archived["archived_at"]);
        foreach (string path in new[] { $"{TemplatesPath()}/{(string)archived["id"]!}", $"{TemplatesPath()}/{(string)archived["id"]!}/steps", $"{TemplatesPath()}/0123456789abcdef0123456789abcdef", $"{TemplatesPath()}/nope" })
        {
            var (status, body, _) = await Send(c, HttpMethod.Get, path);
            AssertNotFound(status, body);
        }
    }

    [Fact]
    public async Task Archive_Answers200WithTheContractMessage_ThenGet404_AndRestoreBringsItBack()
    {
        var c = Api(Standard);
        var template = await Template(c, "Customer escalation");
        string id = (string)template["id"]!;
        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{TemplatesPath()}/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("The Template was deleted, ", (string)body!["message"]!);
        Assert.Empty(body["deleted_references"]!.AsObject());
        Assert.False(body.AsObject().ContainsKey("data"));

        (status, body, _) = await Send(c, HttpMethod.Get, $"{TemplatesPath()}/{id}");
        AssertNotFound(status, body);
        Assert.DoesNotContain((await AllPages(c, TemplatesPath())), t => (string)t["id"]! == id);
        Assert.NotNull((await AllPages(c, TemplatesPath(), "archived=only")).Single(t => (string)t["id"]! == id)["archived_at"]);
        (status, body, _) = await Send(c, HttpMethod.Post, RunsPath(), new { checklist_id = id, name = "From an archived template" });
        Assert422(status, body, "checklist_id");
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{TemplatesPath()}/{id}");
        AssertNotFound(status, body);

        (status, body, _) = await Send(c, HttpMethod.Put, $"{TemplatesPath()}/{id}/restore");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, (string)body!["data"]!["id"]!);
        Assert.Null(body["data"]!["archived_at"]);
        Assert.NotEmpty(body["data"]!["prerun"]!.AsArray());
        Assert.Equal(id, (string)(await GetOk(c, $"{TemplatesPath()}/{id}"))["data"]!["id"]!);
        (status, _, _) = await Send(c, HttpMethod.Put, $"{TemplatesPath()}/0123456789abcdef0123456789abcdef/restore");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task ArchiveAndRestore_AreRefusedToLightMembers()
    {
        var template = await Template(Api(), "Expense approval");
        string id = (string)template["id"]!;
        var (status, body, _) = await Send(Api(Light), HttpMethod.Delete, $"{TemplatesPath()}/{id}");
        AssertForbidden(status, body);
        (status, body, _) = await Send(Api(Light), HttpMethod.Put, $"{TemplatesPath()}/{(string)(await Template(Api(), "Office move"))["id"]!}/restore");
        AssertForbidden(status, body);
        Assert.Null((await GetOk(Api(Light), $"{TemplatesPath()}/{id}"))["data"]!["archived_at"]);
    }

    [Fact]
    public async Task OtherOrganization_HasItsOwnTemplates()
    {
        var other = await AllPages(Api(OtherAdmin), TemplatesPath(OtherOrg));
        Assert.Equal(new[] { "Equipment maintenance", "Field inspection", "Vehicle check" }, other.Select(t => (string)t["title"]!));
        var (status, body, _) = await Send(Api(Admin), HttpMethod.Get, $"{TemplatesPath()}/{(string)other[0]["id"]!}");
        AssertNotFound(status, body);
    }
}
