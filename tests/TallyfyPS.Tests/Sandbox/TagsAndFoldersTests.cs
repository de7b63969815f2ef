using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class TagsAndFoldersTests : SharedSandboxTest
{
    private const string Finance = "a1f0c3e2b4d5968778695a4b3c2d1e01";
    private const string Urgent = "a1f0c3e2b4d5968778695a4b3c2d1e05";
    private const string FinanceFolder = "f01de5a0b1c2d3e4f5a6b7c8d9e0f101";

    public TagsAndFoldersTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    private static string TagsPath() => $"{OrgPath()}/tags";

    private static string AssociationsPath() => $"{TemplatesPath()}/tags";

    [Fact]
    public async Task Tags_AreListed_WithTheirFields_Q_AndPaging()
    {
        var body = await GetOk(Api(Light), TagsPath());
        var data = body["data"]!.AsArray();
        Assert.Equal(new[] { "compliance", "finance", "hr", "imported", "onboarding", "q3", "urgent" }, data.Select(t => (string)t!["title"]!));
        var t0 = data[0]!.AsObject();
        Assert.Equal(new[] { "id", "title", "color", "auto_generated", "created_at" }, t0.Select(kv => kv.Key));
        Assert.True((bool)data.Single(t => (string)t!["title"]! == "imported")!["auto_generated"]!);
        Assert.Equal("finance", (string)Assert.Single((await GetOk(Api(), TagsPath() + "?q=FIN"))["data"]!.AsArray())!["title"]!);
        Assert.Equal(new[] { "hr", "imported" }, (await GetOk(Api(), TagsPath() + "?per_page=2&page=2"))["data"]!.AsArray().Select(t => (string)t!["title"]!));
        Assert.Equal(new[] { "field", "urgent" }, (await GetOk(Api(OtherAdmin), $"{OrgPath(OtherOrg)}/tags"))["data"]!.AsArray().Select(t => (string)t!["title"]!));
    }

    [Fact]
    public async Task CreateTag_Answers201_AndTheTagIsListed()
    {
        var tag = await SeedHelpers.Data(Send(Api(Standard), HttpMethod.Post, TagsPath(), new { title = "Year-end 2026", color = "#1A2B3C" }), HttpStatusCode.Created);
        Assert.Matches("^[0-9a-f]{32}$", (string)tag["id"]!);
        Assert.Equal(("Year-end 2026", "#1a2b3c", false), ((string)tag["title"]!, (string)tag["color"]!, (bool)tag["auto_generated"]!));
        Assert.Contains((await GetOk(Api(), TagsPath()))["data"]!.AsArray(), t => (string)t!["id"]! == (string)tag["id"]!);
    }

    [Theory]
    [InlineData("{\"color\":\"#123456\"}", "title")]
    [InlineData("{\"title\":\"A title that is thirty-one chars\",\"color\":\"#123456\"}", "title")]
    [InlineData("{\"title\":\"FINANCE\",\"color\":\"#123456\"}", "title")] // unique, whatever the case
    [InlineData("{\"title\":\"New\",\"color\":\"red\"}", "color")]
    [InlineData("{\"title\":\"New\",\"color\":\"#12345\"}", "color")]
    public async Task CreateTag_Validates(string json, string field)
    {
        var (status, body, _) = await Send(Api(), HttpMethod.Post, TagsPath(), json);
        Assert422(status, body, field);
        Assert.Equal(7, (await GetOk(Api(), TagsPath()))["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task CreateTag_TitleOfExactlyThirtyCharacters_IsAccepted()
    {
        await SeedHelpers.Data(Send(Api(), HttpMethod.Post, TagsPath(), new { title = new string('t', 30), color = "#000000" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task DeleteTag_Answers204_TakesItOffEveryRun_AndAnswers204AlsoForAnUnknownId()
    {
        var c = Api();
        var tagged = await AllRuns(c, "archived=true&tag=" + Finance);
        Assert.NotEmpty(tagged);
        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{TagsPath()}/{Finance}");
        Assert.Equal((HttpStatusCode.NoContent, null), (status, body));
        Assert.DoesNotContain((await GetOk(c, TagsPath()))["data"]!.AsArray(), t => (string)t!["id"]! == Finance);
        Assert.Empty(await AllRuns(c, "archived=true&tag=" + Finance));
        Assert.DoesNotContain((await RawRun((string)tagged[0]["id"]!))["tags"]!.AsArray(), t => (string)t!["tagId"]! == Finance);

        (status, body, _) = await Send(c, HttpMethod.Delete, $"{TagsPath()}/0123456789abcdef0123456789abcdef");
        Assert.Equal((HttpStatusCode.NoContent, null), (status, body));
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{TagsPath()}/{Finance}"); // again
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, body, _) = await Send(Api(Light), HttpMethod.Delete, $"{TagsPath()}/{Urgent}");
        AssertForbidden(status, body);
    }

    [Fact]
    public async Task TagARun_MakesAnAssociationWithItsOwnId_ShownWithTags_AndUntagDeletesIt()
    {
        var c = Api(Standard);
        var run = await Launched(Api(), "Contract review");
        string runId = (string)run["id"]!;
        var association = await SeedHelpers.Data(Send(c, HttpMethod.Post, AssociationsPath(), new { subject_id = runId, subject_type = "Run", tag_id = Urgent }), HttpStatusCode.Created);
        string associationId = (string)association["id"]!;
        Assert.NotEqual(Urgent, associationId);
        Assert.Equal((Urgent, runId, "Run"), ((string)association["tag_id"]!, (string)association["subject_id"]!, (string)association["subject_type"]!));
        var tags = (await GetOk(c, $"{RunsPath()}/{runId}?with=tags"))["data"]!["tags"]!["data"]!.AsArray();
        var shown = Assert.Single(tags)!;
        Assert.Equal((Urgent, "urgent", associationId), ((string)shown["id"]!, (string)shown["title"]!, (string)shown["association_id"]!));
        Assert.Contains(await AllRuns(c, "tag=" + Urgent), r => (string)r["id"]! == runId);

        var again = await SeedHelpers.Data(Send(c, HttpMethod.Post, AssociationsPath(), new { subject_id = runId, subject_type = "Run", tag_id = Urgent }));
        Assert.Equal(associationId, (string)again["id"]!); // 200 with the association that exists

        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{AssociationsPath()}/{associationId}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Empty((await GetOk(c, $"{RunsPath()}/{runId}?with=tags"))["data"]!["tags"]!["data"]!.AsArray());
        Assert.DoesNotContain(await AllRuns(c, "tag=" + Urgent), r => (string)r["id"]! == runId);
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{AssociationsPath()}/{associationId}");
        AssertNotFound(status, body);
        var verbs = (await GetOk(c, $"{OrgPath()}/activity-feeds?entity_type=run&entity_id={runId}"))["data"]!.AsArray().Select(e => (string)e!["verb"]![0]!);
        Assert.Equal(new[] { "untagged", "tagged", "tagged", "created" }, verbs); // the second tagging is logged again (the service's way)
    }

    [Fact]
    public async Task TagATemplate_WorksTheSameWay()
    {
        var c = Api();
        var template = await Template(c, "Contract review");
        var association = await SeedHelpers.Data(Send(c, HttpMethod.Post, AssociationsPath(), new { subject_id = (string)template["id"]!, subject_type = "Checklist", tag_id = Urgent }), HttpStatusCode.Created);
        Assert.Contains((await AllPages(c, TemplatesPath(), "tag=" + Urgent)), t => (string)t["id"]! == (string)template["id"]!);
        await Send(c, HttpMethod.Delete, $"{AssociationsPath()}/{(string)association["id"]!}");
        Assert.DoesNotContain((await AllPages(c, TemplatesPath(), "tag=" + Urgent)), t => (string)t["id"]! == (string)template["id"]!);
    }

    [Theory]
    [InlineData("{\"subject_type\":\"Run\",\"tag_id\":\"" + Urgent + "\"}", "subject_id")]
    [InlineData("{\"subject_id\":\"RUN\",\"subject_type\":\"Task\",\"tag_id\":\"" + Urgent + "\"}", "subject_type")]
    [InlineData("{\"subject_id\":\"RUN\",\"subject_type\":\"Run\",\"tag_id\":\"0123456789abcdef0123456789abcdef\"}", "tag_id")]
    [InlineData("{\"subject_id\":\"RUN\",\"subject_type\":\"Run\"}", "tag_id")]
    public async Task TagARun_Validates(string json, string field)
    {
        var run = await FirstRun(Api(), "");
        var (status, body, _) = await Send(Api(), HttpMethod.Post, AssociationsPath(), json.Replace("RUN", (string)run["id"]!, StringComparison.Ordinal));
        Assert422(status, body, field);
    }

    [Fact]
    public async Task TagARun_ThatIsArchivedOrUnknown_Answers422SubjectNotFound_AndTagsNothing()
    {
        var c = Api();
        var archived = await FirstRun(c, "archived=only&with=tags");
        string id = (string)archived["id"]!;
        int before = archived["tags"]!["data"]!.AsArray().Count;
        foreach (string subject in new[] { id, "0123456789abcdef0123456789abcdef" })
        {
            var (status, body, _) = await Send(c, HttpMethod.Post, AssociationsPath(), new { subject_id = subject, subject_type = "Run", tag_id = Urgent });
            Assert.Equal((HttpStatusCode)422, status);
            Assert.Equal("Subject not found", (string)body!["message"]!);
        }

        Assert.Equal(before, (await RawRun(id))["tags"]!.AsArray().Count);
    }

    [Fact]
    public async Task TagARun_ThatHasTheTag_Answers200_WithNoDuplicate_ButAnotherAuditRow()
    {
        var c = Api();
        var run = await Launched(c, "Contract review");
        string runId = (string)run["id"]!;
        await SeedHelpers.Data(Send(c, HttpMethod.Post, AssociationsPath(), new { subject_id = runId, subject_type = "Run", tag_id = Urgent }), HttpStatusCode.Created);
        await SeedHelpers.Data(Send(c, HttpMethod.Post, AssociationsPath(), new { subject_id = runId, subject_type = "Run", tag_id = Urgent }), HttpStatusCode.OK);
        Assert.Single((await RawRun(runId))["tags"]!.AsArray());
        var verbs = (await GetOk(c, $"{OrgPath()}/activity-feeds?entity_type=run&entity_id={runId}"))["data"]!.AsArray().Select(e => (string)e!["verb"]![0]!);
        Assert.Equal(new[] { "tagged", "tagged", "created" }, verbs);
    }

    [Fact]
    public async Task TagAndUntag_AreRefusedToLightMembers()
    {
        var run = await FirstRun(Api(), "with=tags&tag=" + Finance);
        var (status, body, _) = await Send(Api(Light), HttpMethod.Post, AssociationsPath(), new { subject_id = (string)run["id"]!, subject_type = "Run", tag_id = Urgent });
        AssertForbidden(status, body);
        string association = (string)run["tags"]!["data"]![0]!["association_id"]!;
        (status, body, _) = await Send(Api(Light), HttpMethod.Delete, $"{AssociationsPath()}/{association}");
        AssertForbidden(status, body);
        Assert.Contains((await RawRun((string)run["id"]!))["tags"]!.AsArray(), t => (string)t!["associationId"]! == association);
    }

    [Fact]
    public async Task SeededRuns_ShowTheirTagsWithAssociationIds_AndTheTagFilterTakesAnIdOrATitle()
    {
        var c = Api();
        var all = await AllRuns(c, "archived=true&with=tags");
        var withFinance = all.Where(r => r["tags"]!["data"]!.AsArray().Any(t => (string)t!["id"]! == Finance)).Select(r => (string)r["id"]!).OrderBy(x => x).ToList();
        Assert.NotEmpty(withFinance);
        Assert.Equal(withFinance, (await AllRuns(c, "archived=true&tag=" + Finance)).Select(r => (string)r["id"]!).OrderBy(x => x));
        Assert.Equal(withFinance, (await AllRuns(c, "archived=true&tag=finance")).Select(r => (string)r["id"]!).OrderBy(x => x));
        var associations = all.SelectMany(r => r["tags"]!["data"]!.AsArray()).Select(t => (string)t!["association_id"]!).ToList();
        Assert.Equal(associations.Count, associations.Distinct().Count());
        Assert.Empty(await AllRuns(c, "tag=0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public async Task Folders_AreListedByType()
    {
        var c = Api(Light);
        var runFolders = (await GetOk(c, $"{OrgPath()}/folders?folder_type=run"))["data"]!.AsArray();
        Assert.Equal(new[] { "Finance", "People", "Customers", "Archive 2024" }, runFolders.Select(f => (string)f!["name"]!));
        Assert.All(runFolders, f => Assert.Equal("run", (string)f!["folder_type"]!));
        Assert.Equal(FinanceFolder, (string)runFolders[3]!["parent_id"]!);
        var templateFolders = (await GetOk(c, $"{OrgPath()}/folders?folder_type=checklist"))["data"]!.AsArray();
        Assert.Equal(new[] { "Finance templates", "HR templates", "Operations" }, templateFolders.Select(f => (string)f!["name"]!));
        // trap: without folder_type only the template folders are listed.
        var untyped = await GetOk(c, $"{OrgPath()}/folders");
        Assert.Equal(3, (int)untyped["meta"]!["pagination"]!["total"]!);
        Assert.All(untyped["data"]!.AsArray(), f => Assert.Equal("checklist", (string)f!["folder_type"]!));
        var (status, body, _) = await Send(c, HttpMethod.Get, $"{OrgPath()}/folders?folder_type=task");
        Assert422(status, body, "folder_type");
    }

    [Fact]
    public async Task RunsList_FiltersByFolder_AndRunsShowTheirFolders()
    {
        var c = Api();
        var all = await AllRuns(c, "archived=true&with=folders");
        var inFinance = all.Where(r => r["folders"]!["data"]!.AsArray().Any(f => (string)f!["id"]! == FinanceFolder)).Select(r => (string)r["id"]!).OrderBy(x => x).ToList();
        Assert.NotEmpty(inFinance);
        Assert.True(inFinance.Count < all.Count);
        Assert.Equal(inFinance, (await AllRuns(c, "archived=true&folder=" + FinanceFolder)).Select(r => (string)r["id"]!).OrderBy(x => x));
        Assert.Empty(await AllRuns(c, "folder=abc"));
        Assert.Contains(all, r => r["folders"]!["data"]!.AsArray().Count == 0);
    }
}
