using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>Renaming, moving and deleting folders, putting runs in folders and taking them out, renaming tags.</summary>
public sealed class StructureChangesTests : OwnSandboxTest
{
    private const string Finance = "f01de5a0b1c2d3e4f5a6b7c8d9e0f101";
    private const string People = "f01de5a0b1c2d3e4f5a6b7c8d9e0f102";
    private const string Archive2024 = "f01de5a0b1c2d3e4f5a6b7c8d9e0f104";
    private const string FinanceTemplates = "f01de5a0b1c2d3e4f5a6b7c8d9e0f201";
    private const string FinanceTag = "a1f0c3e2b4d5968778695a4b3c2d1e01";

    private static string FoldersPath() => $"{OrgPath()}/folders";

    private static async Task<JsonObject> Folder(HttpClient c, string id, string type = "run") =>
        (await GetOk(c, FoldersPath() + "?folder_type=" + type))["data"]!.AsArray().Single(f => (string)f!["id"]! == id)!.AsObject();

    [Fact]
    public async Task UpdateFolder_RenamesAndMoves_RefusesCycles_AndForeignParents()
    {
        var c = Api(Standard);
        var data = await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{FoldersPath()}/{Archive2024}", new { name = "Archive 2024 (closed)" }));
        Assert.Equal(("Archive 2024 (closed)", Finance), ((string)data["name"]!, (string?)data["parent_id"]));
        data = await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{FoldersPath()}/{Archive2024}", new { parent_id = People }));
        Assert.Equal(("Archive 2024 (closed)", People), ((string)data["name"]!, (string?)data["parent_id"]));
        data = await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{FoldersPath()}/{Archive2024}", "{\"parent_id\":null}"));
        Assert.Null((string?)data["parent_id"]);
        Assert.Equal("Archive 2024 (closed)", (string)(await Folder(c, Archive2024))["name"]!);

        await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{FoldersPath()}/{Archive2024}", new { parent_id = Finance }));
        var (status, body, _) = await Send(c, HttpMethod.Put, $"{FoldersPath()}/{Finance}", new { parent_id = Archive2024 }); // its own child
        Assert422(status, body, "parent_id");
        (status, body, _) = await Send(c, HttpMethod.Put, $"{FoldersPath()}/{Finance}", new { parent_id = Finance });
        Assert422(status, body, "parent_id");
        (status, body, _) = await Send(c, HttpMethod.Put, $"{FoldersPath()}/{Finance}", new { parent_id = FinanceTemplates }); // a template folder
        Assert422(status, body, "parent_id");
        (status, body, _) = await Send(c, HttpMethod.Put, $"{FoldersPath()}/{Finance}", new { name = " " });
        Assert422(status, body, "name");
        (status, body, _) = await Send(c, HttpMethod.Put, $"{FoldersPath()}/0123456789abcdef0123456789abcdef", new { name = "x" });
        AssertNotFound(status, body);
        (status, body, _) = await Send(Api(Light), HttpMethod.Put, $"{FoldersPath()}/{Finance}", new { name = "x" });
        AssertForbidden(status, body);
    }

    [Theory]
    [InlineData("200", HttpStatusCode.OK)]
    [InlineData("204", HttpStatusCode.NoContent)]
    public async Task DeleteFolder_AnswersAsTheSwitchSays_TakesItsRunsOut_AndLiftsItsSubfolders(string sw, HttpStatusCode expected)
    {
        await SetSwitches(new { folderDeleteSuccess = sw });
        var c = Api();
        Assert.NotEmpty(await AllRuns(c, "archived=true&folder=" + Finance));
        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{FoldersPath()}/{Finance}");
        Assert.Equal((expected, null), (status, body));
        Assert.DoesNotContain((await GetOk(c, FoldersPath() + "?folder_type=run"))["data"]!.AsArray(), f => (string)f!["id"]! == Finance);
        Assert.Empty(await AllRuns(c, "archived=true&folder=" + Finance));
        Assert.Null((string?)(await Folder(c, Archive2024))["parent_id"]);
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{FoldersPath()}/{Finance}");
        AssertNotFound(status, body);
    }

    [Theory]
    [InlineData("200", HttpStatusCode.OK)]
    [InlineData("204", HttpStatusCode.NoContent)]
    public async Task AddObject_PutsARunInAFolder_OnceOnly_AndTheFolderObjectTakesItOut(string sw, HttpStatusCode expected)
    {
        await SetSwitches(new { folderObjectDeleteSuccess = sw });
        var c = Api(Standard);
        var run = (await AllRuns(c, "archived=true")).First(r => !(r["folders"] is JsonObject));
        string runId = (string)run["id"]!;
        Assert.DoesNotContain(await AllRuns(c, "archived=true&folder=" + People), r => (string)r["id"]! == runId);
        var added = await SeedHelpers.Data(Send(c, HttpMethod.Post, $"{FoldersPath()}/add-object", new { folder_id = People, subject_id = runId, subject_type = "Run" }), HttpStatusCode.Created);
        Assert.Equal((People, runId, "Run"), ((string)added["folder_id"]!, (string)added["subject_id"]!, (string)added["subject_type"]!));
        string objectId = (string)added["id"]!;
        Assert.Matches("^[0-9a-f]{32}$", objectId);
        var again = await SeedHelpers.Data(Send(c, HttpMethod.Post, $"{FoldersPath()}/add-object", new { folder_id = People, subject_id = runId, subject_type = "Run" }), HttpStatusCode.OK);
        Assert.Equal(added.ToJsonString(), again.ToJsonString());
        Assert.Contains(await AllRuns(c, "archived=true&folder=" + People), r => (string)r["id"]! == runId);
        var read = (await GetOk(c, $"{RunsPath()}/{runId}?with=folders"))["data"]!["folders"]!["data"]!.AsArray();
        var entry = Assert.Single(read, f => (string)f!["id"]! == People)!;
        Assert.Equal(objectId, (string)entry["folder_object_id"]!);
        Assert.Equal(1, read.Count(f => (string)f!["id"]! == People));

        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{OrgPath()}/folders-objects/{objectId}");
        Assert.Equal((expected, null), (status, body));
        Assert.DoesNotContain(await AllRuns(c, "archived=true&folder=" + People), r => (string)r["id"]! == runId);
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{OrgPath()}/folders-objects/{objectId}");
        AssertNotFound(status, body);
    }

    [Fact]
    public async Task RunFolderEntries_CarryTheFolderObjectId_OrNot_AsTheSwitchSays()
    {
        var c = Api();
        var run = (await AllRuns(c, "archived=true&folder=" + Finance))[0];
        string runId = (string)run["id"]!;
        var entry = (await GetOk(c, $"{RunsPath()}/{runId}?with=folders"))["data"]!["folders"]!["data"]!.AsArray().Single(f => (string)f!["id"]! == Finance)!;
        var answer = await SeedHelpers.Data(Send(c, HttpMethod.Post, $"{FoldersPath()}/add-object", new { folder_id = Finance, subject_id = runId, subject_type = "Run" }), HttpStatusCode.OK);
        Assert.Equal((string)answer["id"]!, (string)entry["folder_object_id"]!);
        await SetSwitches(new { runFolderEntries = "folder" });
        entry = (await GetOk(c, $"{RunsPath()}/{runId}?with=folders"))["data"]!["folders"]!["data"]!.AsArray().Single(f => (string)f!["id"]! == Finance)!;
        Assert.False(entry.AsObject().ContainsKey("folder_object_id"));
    }

    [Theory]
    [InlineData("{\"folder_id\":\"f01de5a0b1c2d3e4f5a6b7c8d9e0f201\",\"subject_id\":\"RUN\",\"subject_type\":\"Run\"}", "folder_id")] // a template folder
    [InlineData("{\"subject_id\":\"RUN\",\"subject_type\":\"Run\"}", "folder_id")]
    [InlineData("{\"folder_id\":\"f01de5a0b1c2d3e4f5a6b7c8d9e0f102\",\"subject_id\":\"RUN\",\"subject_type\":\"Task\"}", "subject_type")]
    public async Task AddObject_Validates(string json, string field)
    {
        var c = Api();
        string runId = (string)(await AllRuns(c))[0]["id"]!;
        var (status, body, _) = await Send(c, HttpMethod.Post, $"{FoldersPath()}/add-object", json.Replace("RUN", runId, System.StringComparison.Ordinal));
        Assert422(status, body, field);
        (status, body, _) = await Send(c, HttpMethod.Post, $"{FoldersPath()}/add-object", new { folder_id = People, subject_id = "0123456789abcdef0123456789abcdef", subject_type = "Run" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertError(body, "Subject not found");
        (status, body, _) = await Send(Api(Light), HttpMethod.Post, $"{FoldersPath()}/add-object", new { folder_id = People, subject_id = runId, subject_type = "Run" });
        AssertForbidden(status, body);
    }

    [Fact]
    public async Task UpdateTag_RenamesAndRecolours_TitleRequiredUniqueAndShort_404Unknown()
    {
        var c = Api(Standard);
        var data = await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{OrgPath()}/tags/{FinanceTag}", new { title = "Finance 2027", color = "#A1B2C3" }));
        Assert.Equal(("Finance 2027", "#a1b2c3"), ((string)data["title"]!, (string)data["color"]!));
        data = await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{OrgPath()}/tags/{FinanceTag}", new { title = "finance" })); // its own title in another case; the colour stays
        Assert.Equal(("finance", "#a1b2c3"), ((string)data["title"]!, (string)data["color"]!));
        foreach (var (json, field) in new[] { ("{\"color\":\"#000000\"}", "title"), ("{\"title\":\"URGENT\"}", "title"), ("{\"title\":\"" + new string('x', 31) + "\"}", "title"), ("{\"title\":\"ok\",\"color\":\"blue\"}", "color") })
        {
            var (s, b, _) = await Send(c, HttpMethod.Put, $"{OrgPath()}/tags/{FinanceTag}", json);
            Assert422(s, b, field);
        }

        var (status, body, _) = await Send(c, HttpMethod.Put, $"{OrgPath()}/tags/0123456789abcdef0123456789abcdef", new { title = "x" });
        AssertNotFound(status, body);
        (status, body, _) = await Send(Api(Light), HttpMethod.Put, $"{OrgPath()}/tags/{FinanceTag}", new { title = "x" });
        AssertForbidden(status, body);
    }
}
