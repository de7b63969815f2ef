using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class FaultsTests : OwnSandboxTest
{
    [Fact]
    public async Task Faults_GetPutDelete_AndValidation()
    {
        var f = JsonNode.Parse(await Control.GetStringAsync("_sandbox/faults"))!;
        Assert.Equal(0, (int)f["latencyMs"]!);
        Assert.Null(f["burstLimit"]);
        Assert.Equal(2, (int)f["burstWindowSeconds"]!);
        Assert.Null(f["rateLimitPerMinute"]); // there is no per-minute budget
        Assert.Equal("seconds", (string)f["retryAfter"]!);
        Assert.Equal(new[] { 500, 502, 503 }, f["errorStatuses"]!.AsArray().Select(x => (int)x!));
        Assert.Null(f["hostile"]);
        await SetFaults(new { latencyMs = 5, failIds = new System.Collections.Generic.Dictionary<string, int> { ["abc"] = 503 }, hostile = new { mode = "html", rate = 0.5 } });
        f = JsonNode.Parse(await Control.GetStringAsync("_sandbox/faults"))!;
        Assert.Equal(5, (int)f["latencyMs"]!);
        Assert.Equal(503, (int)f["failIds"]!["abc"]!);
        Assert.Equal("html", (string)f["hostile"]!["mode"]!);
        using var bad = await Control.PutAsync("_sandbox/faults", JsonBody(new { errorRate = 2.0 }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var bad2 = await Control.PutAsync("_sandbox/faults", JsonBody(new { hostile = new { mode = "nope" } }));
        Assert.Equal(HttpStatusCode.BadRequest, bad2.StatusCode);
        using var del = await Control.DeleteAsync("_sandbox/faults");
        Assert.Equal(0, (int)JsonNode.Parse(await Control.GetStringAsync("_sandbox/faults"))!["latencyMs"]!);
    }

    [Fact]
    public async Task Latency_IsAtLeastInjected_AndLogged()
    {
        var c = Api();
        await GetOk(c, "api/me"); // warm the connection
        await SetFaults(new { latencyMs = 300 });
        var sw = Stopwatch.StartNew();
        await GetOk(c, "api/me");
        sw.Stop();
        Assert.True(sw.ElapsedMilliseconds >= 290, $"took {sw.ElapsedMilliseconds} ms");
        var log = await Log.SinceAsync(0);
        Assert.Equal("latency", log.Last().Fault);
        Assert.Equal(200, log.Last().Status);
    }

    [Theory]
    [InlineData("seconds")]
    [InlineData("date")]
    public async Task BurstThrottling_429WithShortRetryAfter(string retryAfter)
    {
        await SetFaults(new { burstLimit = 3, burstWindowSeconds = 5, retryAfter });
        var c = Api();
        for (int i = 0; i < 3; i++)
        {
            var (ok, _, r) = await Send(c, HttpMethod.Get, "api/me");
            Assert.Equal(HttpStatusCode.OK, ok);
            Assert.Equal("3", r.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal((2 - i).ToString(CultureInfo.InvariantCulture), r.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        var (status, body, resp) = await Send(c, HttpMethod.Get, "api/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("Too Many Attempts.", (string)body!["message"]!);
        Assert.Equal("RATE_LIMIT_EXCEEDED", (string)body["code"]!);
        Assert.Equal("0", resp.Headers.GetValues("X-RateLimit-Remaining").Single());
        var ra = resp.Headers.RetryAfter!;
        if (retryAfter == "seconds")
        {
            Assert.NotNull(ra.Delta);
            Assert.InRange(ra.Delta!.Value.TotalSeconds, 1, 5); // short: the burst window
        }
        else
        {
            Assert.NotNull(ra.Date);
            Assert.InRange((ra.Date!.Value - DateTimeOffset.UtcNow).TotalSeconds, 0, 7);
        }

        // Throttling is per token: another user is unaffected.
        Assert.Equal(HttpStatusCode.OK, (await Send(Api(Standard), HttpMethod.Get, "api/me")).Status);
        var log = await Log.SinceAsync(0);
        Assert.Equal("burst", log.Last(e => e.Status == 429).Fault);
    }

    [Theory]
    [InlineData("code")]
    [InlineData("message")]
    [InlineData("empty")]
    public async Task BurstThrottling_BodyAndHeaders_FollowTheSwitches(string burstBody)
    {
        await SetFaults(new { burstLimit = 1, burstWindowSeconds = 5 });
        using (var sw = await Control.PutAsync("_sandbox/switches", JsonBody(new { burstBody, rateLimitHeaders = "absent" })))
        {
            Assert.Equal(HttpStatusCode.OK, sw.StatusCode);
        }

        var c = Api();
        var (ok, _, first) = await Send(c, HttpMethod.Get, "api/me");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.False(first.Headers.Contains("X-RateLimit-Remaining"));
        using var resp = await c.GetAsync("api/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, resp.StatusCode);
        Assert.NotNull(resp.Headers.RetryAfter);
        Assert.False(resp.Headers.Contains("X-RateLimit-Remaining"));
        Assert.False(resp.Headers.Contains("X-RateLimit-Limit"));
        string text = await resp.Content.ReadAsStringAsync();
        switch (burstBody)
        {
            case "code":
                Assert.Equal("RATE_LIMIT_EXCEEDED", (string)JsonNode.Parse(text)!["code"]!);
                break;
            case "message":
                var body = JsonNode.Parse(text)!.AsObject();
                Assert.Equal("Too Many Attempts.", (string)body["message"]!);
                Assert.False(body.ContainsKey("code"));
                break;
            default:
                Assert.Equal(string.Empty, text);
                break;
        }

        using var bad = await Control.PutAsync("_sandbox/switches", JsonBody(new { burstBody = "html" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var bad2 = await Control.PutAsync("_sandbox/faults", JsonBody(new { burstWindowSeconds = 61 }));
        Assert.Equal(HttpStatusCode.BadRequest, bad2.StatusCode);
    }

    [Fact]
    public async Task NoBurstLimit_NoThrottling_AndNoRateLimitHeaders()
    {
        var c = Api();
        for (int i = 0; i < 30; i++)
        {
            var (status, _, resp) = await Send(c, HttpMethod.Get, "api/me");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(resp.Headers.Contains("X-RateLimit-Limit")); // no budget to report
        }
    }

    [Fact]
    public async Task Throttle_AllRequests429WithConfiguredRetryAfter()
    {
        await SetFaults(new { throttleRate = 1.0, throttleRetryAfterSeconds = 7 });
        var (status, body, resp) = await Send(Api(), HttpMethod.Get, "api/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("RATE_LIMIT_EXCEEDED", (string)body!["code"]!);
        Assert.Equal(TimeSpan.FromSeconds(7), resp.Headers.RetryAfter!.Delta);
        Assert.Equal("throttle", (await Log.SinceAsync(0)).Last().Fault);
    }

    [Fact]
    public async Task ErrorRate_UsesConfiguredStatuses_Reproducibly()
    {
        var c = Api();
        async Task<int[]> Sample()
        {
            await SetFaults(new { errorRate = 0.5, errorStatuses = new[] { 502, 504 }, seed = 9 });
            var got = new int[30];
            for (int i = 0; i < got.Length; i++)
            {
                var (status, body, _) = await Send(c, HttpMethod.Get, "api/me");
                got[i] = (int)status;
                if (got[i] != 200)
                {
                    Assert.True((bool)body!["error"]!);
                }
            }

            return got;
        }

        var a = await Sample();
        var b = await Sample();
        Assert.Equal(a, b);
        Assert.Contains(200, a);
        Assert.Contains(a, s => s is 502 or 504);
        Assert.All(a, s => Assert.Contains(s, new[] { 200, 502, 504 }));
        Assert.Contains(await Log.SinceAsync(0), e => e.Fault == "error");
    }

    [Fact]
    public async Task ResetBefore_NotApplied_ResetAfter_Applied()
    {
        var c = Api();
        var run = await FirstRun(c, "status=active");
        string id = (string)run["id"]!;
        await SetFaults(new { resetBeforeRate = 1.0, methods = new[] { "DELETE" } });
        await Assert.ThrowsAsync<HttpRequestException>(() => c.DeleteAsync($"{RunsPath()}/{id}"));
        await SetFaults(new { });
        Assert.Null((await GetOk(c, $"{RunsPath()}/{id}"))["data"]!["archived_at"]);
        var log = await Log.SinceAsync(0);
        var entry = log.Single(e => e.Method == "DELETE");
        Assert.Equal("reset-before", entry.Fault);
        Assert.Equal(0, entry.Status);

        await SetFaults(new { resetAfterRate = 1.0, methods = new[] { "DELETE" } });
        Assert.Equal(HttpStatusCode.OK, (await Send(c, HttpMethod.Get, "api/me")).Status); // GET not affected
        await Assert.ThrowsAsync<HttpRequestException>(() => c.DeleteAsync($"{RunsPath()}/{id}"));
        await SetFaults(new { });
        Assert.NotNull((await GetOk(c, $"{RunsPath()}/{id}"))["data"]!["archived_at"]);
        Assert.Equal("reset-after", (await Log.SinceAsync(0)).Last(e => e.Method == "DELETE").Fault);
    }

    [Fact]
    public async Task FailIds_AnswerStatusWithoutApplying()
    {
        var c = Api();
        var run = await FirstRun(c, "status=active");
        string id = (string)run["id"]!;
        await SetFaults(new { failIds = new System.Collections.Generic.Dictionary<string, int> { [id] = 503 } });
        var (status, body, _) = await Send(c, HttpMethod.Delete, $"{RunsPath()}/{id}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.True((bool)body!["error"]!);
        (status, _, _) = await Send(c, HttpMethod.Get, $"{RunsPath()}/{id}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(HttpStatusCode.OK, (await Send(c, HttpMethod.Get, RunsPath())).Status);
        await SetFaults(new { });
        Assert.Null((await GetOk(c, $"{RunsPath()}/{id}"))["data"]!["archived_at"]);
        Assert.Equal("fail-id", (await Log.SinceAsync(0)).First(e => e.Method == "DELETE").Fault);
    }

    [Fact]
    public async Task Hostile_Html_InvalidJson_MissingData_NullData_Empty_Redirect()
    {
        var c = Raw(Admin, redirects: false);
        await SetFaults(new { hostile = new { mode = "html" } });
        var resp = await c.GetAsync("api/me");
        Assert.Equal(HttpStatusCode.BadGateway, resp.StatusCode);
        Assert.Equal("text/html", resp.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<html>", await resp.Content.ReadAsStringAsync());

        await SetFaults(new { hostile = new { mode = "invalid-json" } });
        resp = await c.GetAsync("api/me");
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        string text = await resp.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"data\": {", text);
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(text));

        await SetFaults(new { hostile = new { mode = "missing-data" } });
        Assert.Equal("{}", await c.GetStringAsync("api/me"));
        await SetFaults(new { hostile = new { mode = "null-data" } });
        Assert.Equal("{\"data\":null}", await c.GetStringAsync("api/me"));

        await SetFaults(new { hostile = new { mode = "empty-200" } });
        resp = await c.GetAsync("api/me");
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        Assert.Empty(await resp.Content.ReadAsByteArrayAsync());
        Assert.Null(resp.Content.Headers.ContentType);

        await SetFaults(new { hostile = new { mode = "redirect-other-host" } });
        resp = await c.GetAsync("api/me?x=1");
        Assert.Equal(HttpStatusCode.Found, resp.StatusCode);
        Assert.Equal("http://localhost.invalid:1/api/me?x=1", resp.Headers.Location!.ToString());
        Assert.All((await Log.SinceAsync(0)).Where(e => e.Path == "/api/me"), e => Assert.Equal("hostile", e.Fault));
    }

    [Fact]
    public async Task Hostile_DoesNotApplyChanges_AndPathContainsFilters()
    {
        var c = Api();
        var run = await FirstRun(c, "status=active");
        string id = (string)run["id"]!;
        await SetFaults(new { hostile = new { mode = "null-data", pathContains = "/runs/" } });
        Assert.Equal("{\"data\":null}", await c.GetStringAsync($"{RunsPath()}/{id}"));
        Assert.Equal(1001, (int)(await GetOk(c, "api/me"))["data"]!["id"]!); // not matching path
        var del = await c.DeleteAsync($"{RunsPath()}/{id}");
        Assert.Equal(HttpStatusCode.OK, del.StatusCode);
        await SetFaults(new { });
        Assert.Null((await GetOk(c, $"{RunsPath()}/{id}"))["data"]!["archived_at"]);
    }

    [Fact]
    public async Task Hostile_WrongTypes()
    {
        var c = Api();
        await SetFaults(new { hostile = new { mode = "wrong-types" } });
        var list = JsonNode.Parse(await c.GetStringAsync(RunsPath()))!;
        var item = list["data"]![0]!;
        Assert.Equal(JsonValueKind.Number, item["id"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, item["archived_at"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Object, item["name"]!.GetValueKind());
        var one = JsonNode.Parse(await c.GetStringAsync("api/me"))!;
        Assert.Equal(JsonValueKind.Number, one["data"]!["id"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Object, one["data"]!["name"]!.GetValueKind());
    }

    [Fact]
    public async Task Hostile_Truncated_FailsMidBody()
    {
        var c = Api();
        await SetFaults(new { hostile = new { mode = "truncated" } });
        var ex = await Record.ExceptionAsync(async () =>
        {
            using var resp = await c.GetAsync(RunsPath());
            await resp.Content.ReadAsByteArrayAsync();
        });
        Assert.True(ex is HttpRequestException or System.IO.IOException, ex?.ToString() ?? "no exception");
        Assert.Equal("hostile", (await Log.SinceAsync(0)).Last().Fault);
    }

    [Fact]
    public async Task Hostile_Huge_Is50MB()
    {
        var c = Api();
        await SetFaults(new { hostile = new { mode = "huge" } });
        using var resp = await c.GetAsync("api/me", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        using var stream = await resp.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            total += n;
        }

        Assert.True(total >= 50L * 1000 * 1000, $"only {total} bytes");
    }

    [Fact]
    public async Task Hostile_RateAppliesToFraction()
    {
        var c = Api();
        await SetFaults(new { hostile = new { mode = "missing-data", rate = 0.5 }, seed = 3 });
        int hostile = 0;
        for (int i = 0; i < 40; i++)
        {
            if (await c.GetStringAsync("api/me") == "{}")
            {
                hostile++;
            }
        }

        Assert.InRange(hostile, 5, 35);
    }

    [Fact]
    public async Task WithBurstThrottling_EveryResponse_HasRequestIdAndRateLimitHeaders()
    {
        await SetFaults(new { burstLimit = 100000, burstWindowSeconds = 60 }); // the headers tell the burst window (there is no budget)
        var c = Api();
        var ids = new System.Collections.Generic.HashSet<string>();
        int? lastRemaining = null;
        foreach (string path in new[] { "api/me", "api/nowhere", RunsPath(), "api/me" })
        {
            var (_, _, resp) = await Send(c, HttpMethod.Get, path);
            Assert.True(ids.Add(resp.Headers.GetValues("X-Request-Id").Single()));
            Assert.Equal("100000", resp.Headers.GetValues("X-RateLimit-Limit").Single());
            int remaining = int.Parse(resp.Headers.GetValues("X-RateLimit-Remaining").Single());
            if (lastRemaining is not null)
            {
                Assert.Equal(lastRemaining - 1, remaining);
            }

            lastRemaining = remaining;
        }

        var (s401, _, r401) = await Send(Raw(null), HttpMethod.Get, "api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, s401);
        Assert.True(r401.Headers.Contains("X-Request-Id"));
        Assert.True(r401.Headers.Contains("X-RateLimit-Remaining"));
    }
}
