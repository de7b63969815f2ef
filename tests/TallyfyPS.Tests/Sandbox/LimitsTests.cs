using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class LimitsTests : OwnSandboxTest
{
    private Task SetLimits(object body) => PutControl("_sandbox/limits", body);

    [Fact]
    public async Task Limits_HaveTheServicesDefaults_PutReplaces_DeleteRestores_AndBadValuesAre400()
    {
        Assert.Equal("{\"commentsPerWindow\":120,\"commentWindowSeconds\":3600,\"activityFeedPerMinute\":null}", (await GetControl("_sandbox/limits")).ToJsonString());
        await SetLimits(new { commentsPerWindow = 5 });
        Assert.Equal("{\"commentsPerWindow\":5,\"commentWindowSeconds\":3600,\"activityFeedPerMinute\":null}", (await GetControl("_sandbox/limits")).ToJsonString());
        foreach (object bad in new object[] { new { commentsPerWindow = 0 }, new { commentWindowSeconds = 0 }, new { activityFeedPerMinute = 0 } })
        {
            using var r = await Control.PutAsync("_sandbox/limits", JsonBody(bad));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }

        using (var r = await Control.PutAsync("_sandbox/limits", JsonBody("{nope")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }

        using (var d = await Control.DeleteAsync("_sandbox/limits"))
        {
            Assert.Equal(HttpStatusCode.OK, d.StatusCode);
        }

        Assert.Equal(120, (int)(await GetControl("_sandbox/limits"))["commentsPerWindow"]!);
        await SetLimits(new { commentsPerWindow = 5 });
        await Reset();
        Assert.Equal(120, (int)(await GetControl("_sandbox/limits"))["commentsPerWindow"]!);
    }

    [Fact]
    public async Task CommentCap_Answers429WithRetryAfter_OnceTheOrganizationPostedItsShare_AndFreesUpAfterTheWindow()
    {
        await SetLimits(new { commentsPerWindow = 3, commentWindowSeconds = 5 });
        var tasks = (await GetOk(Api(), TasksPath() + "?is_oneoff=true&per_page=3"))["data"]!.AsArray().Select(t => (string)t!["id"]!).ToList();
        string[] tokens = { Admin, Standard, Light };
        for (int i = 0; i < 3; i++)
        {
            await SeedHelpers.Data(Send(Api(tokens[i]), HttpMethod.Post, $"{TasksPath()}/{tasks[i]}/comment", new { content = "post " + i }), HttpStatusCode.Created);
        }

        var (status, body, resp) = await Send(Api(Standard), HttpMethod.Post, $"{TasksPath()}/{tasks[0]}/comment", new { content = "one too many" });
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("RATE_LIMIT_EXCEEDED", (string)body!["code"]!);
        Assert.Contains("3 comments per 5 seconds", (string)body["message"]!);
        Assert.InRange(resp.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 5);
        Assert.DoesNotContain((await RawTask(tasks[0]))["threads"]!.AsArray(), t => (string)t!["content"]! == "one too many");

        var other = (await GetOk(Api(OtherAdmin), TasksPath(OtherOrg) + "?is_oneoff=true"))["data"]![0]!;
        await SeedHelpers.Data(Send(Api(OtherAdmin), HttpMethod.Post, $"{TasksPath(OtherOrg)}/{(string)other["id"]!}/comment", new { content = "another organization" }), HttpStatusCode.Created);

        (status, body, _) = await Send(Api(), HttpMethod.Post, $"{TasksPath()}/{tasks[0]}/comment", new { content = "" });
        Assert422(status, body, "content"); // a post refused for its content is not counted, nor capped

        await Task.Delay(TimeSpan.FromSeconds(5.2));
        await SeedHelpers.Data(Send(Api(), HttpMethod.Post, $"{TasksPath()}/{tasks[0]}/comment", new { content = "after the window" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task CommentCap_Default_Is120PerHour()
    {
        var task = (await GetOk(Api(), TasksPath() + "?is_oneoff=true"))["data"]![0]!;
        string path = $"{TasksPath()}/{(string)task["id"]!}/comment";
        var c = Api();
        for (int i = 0; i < 120; i++)
        {
            var (s, _, _) = await Send(c, HttpMethod.Post, path, new { content = "c" + i });
            Assert.Equal(HttpStatusCode.Created, s);
        }

        var (status, _, resp) = await Send(c, HttpMethod.Post, path, new { content = "c120" });
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.InRange(resp.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 3500, 3600);
    }

    [Fact]
    public async Task ActivityFeed_PolledTooOften_Answers429_PerUser()
    {
        await SetLimits(new { activityFeedPerMinute = 2 });
        var c = Api();
        string feed = $"{OrgPath()}/activity-feeds";
        await GetOk(c, feed);
        await GetOk(c, feed + "?page=2");
        var (status, body, resp) = await Send(c, HttpMethod.Get, feed);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("RATE_LIMIT_EXCEEDED", (string)body!["code"]!);
        Assert.InRange(resp.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        await GetOk(Api(Standard), feed);
        await GetOk(c, RunsPath()); // other endpoints are not limited
    }
}
