using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class SwitchesTests : SandboxTestBase
{
    public SwitchesTests(SandboxFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public async Task Defaults_AndReplaceSemantics_AndValidation()
    {
        var s = JsonNode.Parse(await Control.GetStringAsync("_sandbox/switches"))!;
        Assert.Equal("200", (string)s["archivedRunGet"]!);
        Assert.Equal("422", (string)s["deleteNotArchived"]!);
        Assert.Equal("200", (string)s["permanentDeleteSuccess"]!);
        Assert.Equal("200", (string)s["rearchive"]!);
        Assert.Equal("empty-array", (string)s["lastPageLinks"]!);
        Assert.Equal("field_value", (string)s["formFieldValueKey"]!);
        Assert.Equal(604800, (int)s["oauthTokenLifetimeSeconds"]!);
        Assert.False((bool)s["progressAsInt"]!);

        await SetSwitches(new { rearchive = "404" });
        await SetSwitches(new { progressAsInt = true });
        s = JsonNode.Parse(await Control.GetStringAsync("_sandbox/switches"))!;
        Assert.Equal("200", (string)s["rearchive"]!); // replaced, not merged
        Assert.True((bool)s["progressAsInt"]!);

        using var bad = await Control.PutAsync("_sandbox/switches", JsonBody(new { lastPageLinks = "weird" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var del = await Control.DeleteAsync("_sandbox/switches");
        Assert.False((bool)JsonNode.Parse(await Control.GetStringAsync("_sandbox/switches"))!["progressAsInt"]!);
    }

    [Fact]
    public async Task ArchivedRunGet404_HidesGetButNotListsOrActions()
    {
        var c = Api();
        var run = await FirstRun(c, "archived=only");
        string id = (string)run["id"]!;
        await SetSwitches(new { archivedRunGet = "404" });
        var (status, body, _) = await Send(c, HttpMethod.Get, $"{RunsPath()}/{id}");
        AssertNotFound(status, body);
        Assert.Contains(await AllRuns(c, "archived=only"), r => (string)r["id"]! == id);
        (status, body, _) = await Send(c, HttpMethod.Put, $"{RunsPath()}/{id}/activate");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["data"]!["archived_at"]);
        Assert.Equal(id, (string)(await GetOk(c, $"{RunsPath()}/{id}"))["data"]!["id"]!);

        await SetSwitches(new { archivedRunGet = "200" });
        var other = await FirstRun(c, "archived=only");
        Assert.NotNull((await GetOk(c, $"{RunsPath()}/{(string)other["id"]!}"))["data"]!["archived_at"]);
    }

    [Fact]
    public async Task DeleteNotArchived404()
    {
        var c = Api();
        var run = await FirstRun(c, "status=active");
        await SetSwitches(new { deleteNotArchived = "404" });
        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{RunsPath()}/{(string)run["id"]!}/delete");
        AssertNotFound(status, body);
        Assert.Null((await GetOk(c, $"{RunsPath()}/{(string)run["id"]!}"))["data"]!["archived_at"]);
    }

    [Theory]
    [InlineData("200", HttpStatusCode.OK)]
    [InlineData("204", HttpStatusCode.NoContent)]
    public async Task PermanentDeleteSuccess(string mode, HttpStatusCode expected)
    {
        var c = Api();
        var run = await FirstRun(c, "archived=only");
        await SetSwitches(new { permanentDeleteSuccess = mode });
        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{RunsPath()}/{(string)run["id"]!}/delete");
        Assert.Equal(expected, status);
        Assert.Null(body);
    }

    [Fact]
    public async Task Rearchive_200KeepsArchivedAt_404()
    {
        var c = Api();
        var run = await FirstRun(c, "archived=only");
        string id = (string)run["id"]!;
        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{RunsPath()}/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((string)run["archived_at"]!, (string)body!["data"]!["archived_at"]!);
        await SetSwitches(new { rearchive = "404" });
        (status, body, _) = await Send(c, HttpMethod.Delete, $"{RunsPath()}/{id}");
        AssertNotFound(status, body);
    }

    [Fact]
    public async Task FormFieldValueKey_Value()
    {
        var c = Api();
        var run = await FirstRun(c, "status=complete");
        string id = (string)run["id"]!;
        await SetSwitches(new { formFieldValueKey = "value" });
        var body = await GetOk(c, $"{RunsPath()}/{id}/tasks?with=form_fields");
        var field = body["data"]![0]!["form_fields"]!["data"]![0]!.AsObject();
        Assert.True(field.ContainsKey("value"));
        Assert.False(field.ContainsKey("field_value"));
        Assert.NotNull(field["value"]);
    }

    [Fact]
    public async Task ProgressAsInt()
    {
        var c = Api();
        var run = await FirstRun(c, "status=complete");
        Assert.Equal(100, (int)run["progress"]!["percent"]!);
        await SetSwitches(new { progressAsInt = true });
        var again = await GetOk(c, $"{RunsPath()}/{(string)run["id"]!}");
        Assert.Equal(100, (int)again["data"]!["progress"]!);
    }

    [Fact]
    public async Task TaskDeleteNotArchived_FollowsSwitch()
    {
        var c = Api();
        var t = (await GetOk(c, TasksPath() + "?is_oneoff=true"))["data"]![0]!;
        await SetSwitches(new { deleteNotArchived = "404" });
        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{TasksPath()}/{(string)t["id"]!}/delete");
        AssertNotFound(status, body);
        Assert.Equal(HttpStatusCode.OK, (await Send(c, HttpMethod.Get, $"{TasksPath()}/{(string)t["id"]!}")).Status);
    }
}
