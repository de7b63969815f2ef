using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class ControlTests : SandboxTestBase
{
    public ControlTests(SandboxFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public async Task Info_ListsIdentities()
    {
        var info = JsonNode.Parse(await Control.GetStringAsync("_sandbox/info"))!;
        var orgs = info["organizations"]!.AsArray();
        Assert.Contains(orgs, o => (string)o!["id"]! == MainOrg && (string)o["name"]! == "Acme Operations");
        Assert.Contains(orgs, o => (string)o!["id"]! == OtherOrg && (string)o["name"]! == "Globex Field Services");
        var users = info["users"]!.AsArray();
        Assert.Equal(new[] { 1001, 1002, 1003, 2001 }, users.Select(u => (int)u!["id"]!));
        Assert.Equal(new[] { "admin", "standard", "light", "admin" }, users.Select(u => (string)u!["role"]!));
        Assert.Equal(Admin, (string)users[0]!["token"]!);
        Assert.Equal(OtherOrg, (string)users[3]!["organizationId"]!);
        Assert.False(string.IsNullOrEmpty((string?)users[0]!["email"]));
        var client = info["oauthClients"]![0]!;
        Assert.Equal("4001", (string)client["clientId"]!);
        Assert.Equal("sandbox-client-secret", (string)client["clientSecret"]!);
        Assert.Equal(1001, (int)client["userId"]!);
        Assert.Equal(60, (int)info["runs"]!);
        Assert.Equal(42, (int)info["seed"]!);
    }

    [Fact]
    public async Task Reset_IsDeterministic_AndReseeds()
    {
        var c = Api();
        var a = (await AllRuns(c)).Select(r => r.ToJsonString()).ToList();
        var launched = await Send(c, HttpMethod.Post, RunsPath(), new { checklist_id = (string)JsonNode.Parse(a[0])!["checklist_id"]!, name = "temp" });
        Assert.Equal(HttpStatusCode.Created, launched.Status);
        await SetFaults(new { latencyMs = 1 });
        await SetSwitches(new { progressAsInt = true });
        using (var r = await Control.PostAsync("_sandbox/reset", null))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var ok = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
            Assert.True((bool)ok["ok"]!);
        }

        Assert.Equal(0, (int)JsonNode.Parse(await Control.GetStringAsync("_sandbox/faults"))!["latencyMs"]!);
        Assert.False((bool)JsonNode.Parse(await Control.GetStringAsync("_sandbox/switches"))!["progressAsInt"]!);
        var b = (await AllRuns(c)).Select(r => r.ToJsonString()).ToList();
        Assert.Equal(a, b);

        using (var r = await Control.PostAsync("_sandbox/reset", JsonBody(new { runs = 25, seed = 7 })))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var info = JsonNode.Parse(await Control.GetStringAsync("_sandbox/info"))!;
        Assert.Equal(25, (int)info["runs"]!);
        Assert.Equal(7, (int)info["seed"]!);
        var d = await AllRuns(c);
        Assert.Equal(25, d.Count);
        Assert.NotEqual((string)JsonNode.Parse(a[0])!["id"]!, (string)d[0]["id"]!);
    }

    [Fact]
    public async Task RequestLog_RecordsApiOnly_Since_Clear()
    {
        var c = Api();
        await GetOk(c, RunsPath() + "?per_page=5&status=active");
        await Send(NewClient(null), HttpMethod.Get, "api/me");
        await Control.GetStringAsync("_sandbox/info");
        var log = await LogSince(0);
        Assert.Equal(2, log.Count);
        var first = log[0];
        Assert.Equal("GET", (string)first["method"]!);
        Assert.Equal($"/api/organizations/{MainOrg}/runs", (string)first["path"]!);
        Assert.Equal("per_page=5&status=active", (string)first["query"]!);
        Assert.Equal(200, (int)first["status"]!);
        Assert.Equal(1001, (int)first["userId"]!);
        Assert.Null(first["fault"]);
        Assert.False(string.IsNullOrEmpty((string?)first["time"]));
        Assert.Equal(401, (int)log[1]["status"]!);
        Assert.Null(log[1]["userId"]);
        Assert.Equal("", (string)log[1]["query"]!);
        long seq = (long)first["seq"]!;
        var since = await LogSince(seq);
        Assert.Single(since);
        Assert.Equal(seq + 1, (long)since[0]["seq"]!);

        using var del = await Control.DeleteAsync("_sandbox/requests");
        Assert.Equal(HttpStatusCode.OK, del.StatusCode);
        Assert.Empty(await LogSince(0));
    }

    [Fact]
    public async Task RequestLog_ThreadSafeUnderConcurrency()
    {
        var c = Api();
        var tasks = Enumerable.Range(0, 200).Select(_ => c.GetAsync("api/me")).ToArray();
        await Task.WhenAll(tasks);
        var log = await LogSince(0);
        Assert.Equal(200, log.Count);
        Assert.Equal(200, log.Select(e => (long)e["seq"]!).Distinct().Count());
    }

    [Fact]
    public async Task LargeDataset_StartsAndPagesFast()
    {
        var sw = Stopwatch.StartNew();
        using (var r = await Control.PostAsync("_sandbox/reset", JsonBody(new { runs = 100000, seed = 5 })))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        Assert.True(sw.ElapsedMilliseconds < 10000, $"reset took {sw.ElapsedMilliseconds} ms");
        var c = Api();
        var body = await GetOk(c, RunsPath() + "?archived=true&per_page=100&page=999");
        Assert.Equal(100000, (int)body["meta"]!["pagination"]!["total"]!);
        Assert.Equal(100, body["data"]!.AsArray().Count);
        sw.Restart();
        for (int page = 1; page <= 20; page++)
        {
            await GetOk(c, RunsPath() + $"?per_page=100&page={page * 40}");
        }

        Assert.True(sw.ElapsedMilliseconds < 10000, $"20 pages took {sw.ElapsedMilliseconds} ms");
        using var back = await Control.PostAsync("_sandbox/reset", JsonBody(new { runs = 60, seed = 42 }));
    }
}
