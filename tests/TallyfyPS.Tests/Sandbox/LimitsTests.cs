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
        Assert.Equal("{\"commentsPerWindow\":120,\"commentWindowSeconds\":3600,\"guestInvitesPerWindow\":30,\"guestInviteWindowSeconds\":3600,\"activityFeedPerMinute\":null,\"seatsFull\":null,\"seatsLight\":null}", (await GetControl("_sandbox/limits")).ToJsonString());
        await SetLimits(new { commentsPerWindow = 5 });
        Assert.Equal("{\"commentsPerWindow\":5,\"commentWindowSeconds\":3600,\"guestInvitesPerWindow\":30,\"guestInviteWindowSeconds\":3600,\"activityFeedPerMinute\":null,\"seatsFull\":null,\"seatsLight\":null}", (await GetControl("_sandbox/limits")).ToJsonString());
        foreach (object bad in new object[] { new { commentsPerWindow = 0 }, new { commentWindowSeconds = 0 }, new { guestInvitesPerWindow = 0 }, new { guestInviteWindowSeconds = 0 }, new { activityFeedPerMinute = 0 }, new { seatsFull = -1 }, new { seatsLight = -1 } })
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

        (status, _, _) = await Send(Api(), HttpMethod.Post, $"{TasksPath()}/{tasks[0]}/comment", new { content = "" });
        Assert.Equal(HttpStatusCode.TooManyRequests, status); // the cap is checked before the post is (like a throttle in front of the API)

        await Advance(5.2); // the window passes on the sandbox's clock
        (status, body, _) = await Send(Api(), HttpMethod.Post, $"{TasksPath()}/{tasks[0]}/comment", new { content = "" });
        Assert422(status, body, "content"); // a post refused for its content is not counted
        for (int i = 0; i < 3; i++)
        {
            await SeedHelpers.Data(Send(Api(), HttpMethod.Post, $"{TasksPath()}/{tasks[0]}/comment", new { content = "after the window " + i }), HttpStatusCode.Created);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Send(Api(), HttpMethod.Post, $"{TasksPath()}/{tasks[0]}/comment", new { content = "one too many again" })).Status);
    }

    private async Task Advance(double seconds)
    {
        using var r = await Control.PostAsync("_sandbox/clock/advance", JsonBody(new { seconds }));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task CommentCap_CountsEveryCommentPostRoute_ProblemAndResolve_OfTasksAndOfRunTasks()
    {
        await SetLimits(new { commentsPerWindow = 1 });
        var task = (string)(await GetOk(Api(), TasksPath() + "?is_oneoff=true"))["data"]![0]!["id"]!;
        await SeedHelpers.Data(Send(Api(), HttpMethod.Post, $"{TasksPath()}/{task}/comment", new { content = "the one" }), HttpStatusCode.Created);
        string run = (string)(await GetOk(Api(), RunsPath()))["data"]![0]!["id"]!;
        foreach (string path in new[]
        {
            $"{TasksPath()}/{task}/comment", $"{TasksPath()}/{task}/problem", $"{TasksPath()}/{task}/resolved-threads",
            $"{RunsPath()}/{run}/tasks/{task}/comment", $"{RunsPath()}/{run}/tasks/{task}/problem", $"{RunsPath()}/{run}/tasks/{task}/resolved-threads",
        })
        {
            var (status, body, resp) = await Send(Api(), HttpMethod.Post, path, new { content = "past the cap" });
            Assert.True(status == HttpStatusCode.TooManyRequests, path + " answered " + status);
            Assert.Equal("RATE_LIMIT_EXCEEDED", (string)body!["code"]!);
            Assert.InRange(resp.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 3500, 3600); // the seconds to the window's reset
        }

        var (edit, _, _) = await Send(Api(), HttpMethod.Get, $"{TasksPath()}/{task}"); // reads and other routes are not capped
        Assert.Equal(HttpStatusCode.OK, edit);
        Assert.Equal(new[] { "comment-cap" }, (await Log.SinceAsync()).Where(e => e.Status == 429).Select(e => e.Fault).Distinct());
    }

    [Fact]
    public async Task Clock_MovesAhead_FreesTheCaps_AndResetPutsItBack()
    {
        var clock = await GetControl("_sandbox/clock");
        Assert.Equal(0, (double)clock["offsetSeconds"]!);
        await SetLimits(new { commentsPerWindow = 1 });
        var task = (string)(await GetOk(Api(), TasksPath() + "?is_oneoff=true"))["data"]![0]!["id"]!;
        string path = $"{TasksPath()}/{task}/comment";
        await SeedHelpers.Data(Send(Api(), HttpMethod.Post, path, new { content = "before" }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Send(Api(), HttpMethod.Post, path, new { content = "capped" })).Status);
        await Advance(3600);
        clock = await GetControl("_sandbox/clock");
        Assert.Equal(3600, (double)clock["offsetSeconds"]!);
        Assert.True(DateTime.Parse((string)clock["now"]!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime() > DateTime.UtcNow.AddMinutes(59));
        var made = await SeedHelpers.Data(Send(Api(), HttpMethod.Post, path, new { content = "an hour later" }), HttpStatusCode.Created);
        Assert.True(DateTime.Parse((string)made["created_at"]!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime() > DateTime.UtcNow.AddMinutes(59)); // stamped by the moved clock
        using (var bad = await Control.PostAsync("_sandbox/clock/advance", JsonBody(new { seconds = -5 })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        await PutControl("_sandbox/clock", new { offsetSeconds = 0 });
        Assert.Equal(0, (double)(await GetControl("_sandbox/clock"))["offsetSeconds"]!);
        await Advance(10);
        await Reset();
        Assert.Equal(0, (double)(await GetControl("_sandbox/clock"))["offsetSeconds"]!);
    }

    [Fact]
    public async Task GuestInviteCap_CountsCreatedGuestsAndImplicitOnes_AndRefusesWithoutApplying()
    {
        await SetLimits(new { guestInvitesPerWindow = 2 });
        string guests = $"{OrgPath()}/guests";
        await SeedHelpers.Data(Send(Api(), HttpMethod.Post, guests, new { email = "first.new@guest.example" }), HttpStatusCode.Created);
        var (dup, _, _) = await Send(Api(), HttpMethod.Post, guests, new { email = "first.new@guest.example" });
        Assert.Equal((HttpStatusCode)422, dup); // not a new guest: refused, not counted

        // A one-off task assigned to an email no one has yet makes it a guest: the second invite.
        await SeedHelpers.Data(Send(Api(), HttpMethod.Post, TasksPath(), new { title = "For a new guest", owners = new { guests = new[] { "second.new@guest.example" } } }), HttpStatusCode.Created);

        var (status, body, resp) = await Send(Api(), HttpMethod.Post, TasksPath(), new { title = "For one guest too many", owners = new { guests = new[] { "third.new@guest.example" } } });
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("RATE_LIMIT_EXCEEDED", (string)body!["code"]!);
        Assert.InRange(resp.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 3500, 3600);
        (status, _, _) = await Send(Api(), HttpMethod.Post, guests, new { email = "fourth.new@guest.example" });
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        var listed = (await GetOk(Api(), guests))["data"]!.AsArray().Select(g => (string)g!["email"]!).ToList();
        Assert.Contains("second.new@guest.example", listed);
        Assert.DoesNotContain("third.new@guest.example", listed); // nothing applied
        Assert.DoesNotContain("fourth.new@guest.example", listed);

        // An existing guest is no invite: still allowed.
        await SeedHelpers.Data(Send(Api(), HttpMethod.Post, TasksPath(), new { title = "For a known guest", owners = new { guests = new[] { "first.new@guest.example" } } }), HttpStatusCode.Created);
        await Advance(3600);
        await SeedHelpers.Data(Send(Api(), HttpMethod.Post, guests, new { email = "fourth.new@guest.example" }), HttpStatusCode.Created);
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
