using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class SwitchesTests : OwnSandboxTest
{
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
        Assert.Equal("integer", (string)s["threadIdType"]!);
        Assert.False((bool)s["ignoreSort"]!);
        Assert.True((bool)s["activityFieldsAsArrays"]!);
        Assert.Equal("200", (string)s["commentDeleteSuccess"]!);
        Assert.Equal("tag-with-association-id", (string)s["runTagEntries"]!);
        Assert.Equal("200", (string)s["oauthTokenUnderApi"]!);

        await SetSwitches(new { rearchive = "404" });
        await SetSwitches(new { progressAsInt = true });
        s = JsonNode.Parse(await Control.GetStringAsync("_sandbox/switches"))!;
        Assert.Equal("200", (string)s["rearchive"]!); // replaced, not merged
        Assert.True((bool)s["progressAsInt"]!);

        foreach (object wrong in new object[] { new { lastPageLinks = "weird" }, new { threadIdType = "hex" }, new { commentDeleteSuccess = "202" }, new { ignoreSort = "yes" }, new { runTagEntries = "both" }, new { oauthTokenUnderApi = "500" } })
        {
            using var bad = await Control.PutAsync("_sandbox/switches", JsonBody(wrong));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        await SetSwitches(new { commentDeleteSuccess = 204 }); // a number is taken for a status
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
    public async Task RunTagEntries_TheTagItself_OrTheAssociation_OnRunsAndTasks()
    {
        var c = Api();
        var run = await FirstRun(c, "with=tags&tag=a1f0c3e2b4d5968778695a4b3c2d1e04");
        string id = (string)run["id"]!;
        var stored = (await RawRun(id))["tags"]!.AsArray().First(t => (string)t!["tagId"]! == "a1f0c3e2b4d5968778695a4b3c2d1e04")!;
        string association = (string)stored["associationId"]!;

        await SetSwitches(new { runTagEntries = "tag" });
        var entry = (await GetOk(c, $"{RunsPath()}/{id}?with=tags"))["data"]!["tags"]!["data"]!.AsArray().First(t => (string)t!["title"]! == "q3")!.AsObject();
        Assert.Equal("a1f0c3e2b4d5968778695a4b3c2d1e04", (string)entry["id"]!);
        Assert.False(entry.ContainsKey("association_id"));
        Assert.False(entry.ContainsKey("tag_id"));

        await SetSwitches(new { runTagEntries = "association" });
        entry = (await GetOk(c, $"{RunsPath()}/{id}?with=tags"))["data"]!["tags"]!["data"]!.AsArray().First(t => (string)t!["title"]! == "q3")!.AsObject();
        Assert.Equal((association, "a1f0c3e2b4d5968778695a4b3c2d1e04"), ((string)entry["id"]!, (string)entry["tag_id"]!));
        Assert.Matches("^#[0-9a-f]{6}$", (string)entry["color"]!);
        Assert.False(entry.ContainsKey("association_id"));
        var task = (await GetOk(c, $"{RunsPath()}/{id}/tasks?with=tags"))["data"]![0]!;
        Assert.Contains(task["tags"]!["data"]!.AsArray(), t => (string)t!["id"]! == association && (string)t["tag_id"]! == "a1f0c3e2b4d5968778695a4b3c2d1e04");
    }

    [Fact]
    public async Task OauthTokenUnderApi404_AnswersEndpointNotFound_WhileTheRootOneServes()
    {
        var form = new System.Collections.Generic.Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "4001", ["client_secret"] = "sandbox-client-secret", ["scope"] = "*",
        };
        await SetSwitches(new { oauthTokenUnderApi = "404" });
        using var under = await Raw(null, clientHeader: false).PostAsync("api/oauth/token", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.NotFound, under.StatusCode);
        Assert.Equal("ENDPOINT_NOT_FOUND", (string)JsonNode.Parse(await under.Content.ReadAsStringAsync())!["code"]!);
        using var atRoot = await Raw(null, clientHeader: false).PostAsync("oauth/token", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, atRoot.StatusCode);
        var log = await Log.SinceAsync(0);
        Assert.Contains(log, e => e.Path == "/api/oauth/token" && e.Status == 404);
        Assert.Contains(log, e => e.Path == "/oauth/token" && e.Status == 200);
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

    [Fact]
    public async Task ArchivedRunGet404_AlsoHidesItsTaskRoutes()
    {
        var c = Api();
        var run = await FirstRun(c, "archived=only&with=tasks");
        string id = (string)run["id"]!;
        string taskId = (string)run["tasks"]!["data"]![0]!["id"]!;
        Assert.NotNull((await GetOk(c, $"{TasksPath()}/{taskId}"))["data"]!["archived_at"]);
        await SetSwitches(new { archivedRunGet = "404" });
        var (status, body, _) = await Send(c, HttpMethod.Get, $"{RunsPath()}/{id}/tasks");
        AssertNotFound(status, body);
        (status, body, _) = await Send(c, HttpMethod.Get, $"{RunsPath()}/{id}/tasks/{taskId}");
        AssertNotFound(status, body);
        (status, body, _) = await Send(c, HttpMethod.Get, $"{TasksPath()}/{taskId}");
        AssertNotFound(status, body);
        Assert.Contains((await GetOk(c, TasksPath() + $"?archived=only&run_id={id}"))["data"]!.AsArray(), t => (string)t!["id"]! == taskId);
    }

    [Fact]
    public async Task ThreadIdTypeString_WritesThreadIdsAsStrings_AndTheyAddressTheComment()
    {
        await SetSwitches(new { threadIdType = "string" });
        var c = Api();
        var run = await FirstRun(c, "status=active&with=tasks");
        string taskId = (string)run["tasks"]!["data"]![0]!["id"]!;
        var thread = await SeedHelpers.Data(Send(c, HttpMethod.Post, $"{TasksPath()}/{taskId}/comment", new { content = "Numbered" }), HttpStatusCode.Created);
        Assert.Equal(System.Text.Json.JsonValueKind.String, thread["id"]!.GetValueKind());
        string id = SeedHelpers.IdOf(thread["id"]);
        Assert.True(long.TryParse(id, out _));
        var listed = (await GetOk(c, $"{TasksPath()}/{taskId}?with=threads"))["data"]!["threads"]!["data"]!.AsArray();
        Assert.All(listed, t => Assert.Equal(System.Text.Json.JsonValueKind.String, t!["id"]!.GetValueKind()));
        Assert.Equal("Renumbered", (string)(await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{TasksPath()}/{taskId}/comment/{id}", new { content = "Renumbered" })))["content"]!);
        await SetSwitches(new { });
        Assert.Equal(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), (long)(await GetOk(c, $"{TasksPath()}/{taskId}?with=threads"))["data"]!["threads"]!["data"]!.AsArray().Last()!["id"]!);
    }

    [Fact]
    public async Task IgnoreSort_ListsRunsInTheDefaultOrder_WhateverSortSays()
    {
        var c = Api();
        var byName = await AllRuns(c, "archived=true&sort=name");
        var byDefault = await AllRuns(c, "archived=true");
        Assert.NotEqual(byDefault.Select(r => (string)r["id"]!), byName.Select(r => (string)r["id"]!));
        await SetSwitches(new { ignoreSort = true });
        foreach (string sort in new[] { "name", "completed_at", "-last_updated", "bogus" })
        {
            Assert.Equal(byDefault.Select(r => (string)r["id"]!), (await AllRuns(c, "archived=true&sort=" + sort)).Select(r => (string)r["id"]!));
        }
    }

    [Fact]
    public async Task ActivityFieldsAsArraysFalse_WritesPlainValues()
    {
        await SetSwitches(new { activityFieldsAsArrays = false });
        var e = (await GetOk(Api(), $"{OrgPath()}/activity-feeds?per_page=1"))["data"]![0]!;
        Assert.Equal(System.Text.Json.JsonValueKind.String, e["verb"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.String, e["description"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, e["actor_id"]!.GetValueKind());
    }

    [Fact]
    public async Task CommentDeleteSuccess204_AnswersNoContent()
    {
        await SetSwitches(new { commentDeleteSuccess = "204" });
        var c = Api();
        var task = (await GetOk(c, TasksPath() + "?is_oneoff=true"))["data"]![0]!;
        string taskId = (string)task["id"]!;
        var thread = await SeedHelpers.Data(Send(c, HttpMethod.Post, $"{TasksPath()}/{taskId}/comment", new { content = "Bye" }), HttpStatusCode.Created);
        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{TasksPath()}/{taskId}/comment/{SeedHelpers.IdOf(thread["id"])}");
        Assert.Equal((HttpStatusCode.NoContent, null), (status, body));
    }

    [Fact]
    public async Task FormFieldValueKeyValue_AlsoAppliesToKickoffFieldsAndAnswersJustWritten()
    {
        var c = Api();
        var run = await Launched(c, "Quarterly audit");
        await SetSwitches(new { formFieldValueKey = "value" });
        var ko = (await GetOk(c, $"{RunsPath()}/{(string)run["id"]!}?with=ko_form_fields"))["data"]!["ko_form_fields"]!["data"]!.AsArray();
        Assert.All(ko, k => { Assert.True(k!.AsObject().ContainsKey("value")); Assert.False(k.AsObject().ContainsKey("field_value")); });
        Assert.Contains(ko, k => k!["value"] is not null);
        string task = (string)run["tasks"]!["data"]![0]!["id"]!;
        var fields = (await GetOk(c, $"{TasksPath()}/{task}?with=form_fields"))["data"]!["form_fields"]!["data"]!.AsArray();
        var written = await SeedHelpers.Data(Send(c, HttpMethod.Put, $"{RunsPath()}/{(string)run["id"]!}/tasks/{task}?with=form_fields",
            new JsonObject { ["taskdata"] = new JsonObject { [(string)fields[0]!["id"]!] = "Answered" } }.ToJsonString()));
        Assert.Equal("Answered", (string)written["form_fields"]!["data"]![0]!["value"]!);
    }
}
