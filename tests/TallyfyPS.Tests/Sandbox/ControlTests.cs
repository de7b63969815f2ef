using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class ControlTests : OwnSandboxTest
{
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
        var launched = await Launch(c, "Expense approval", "temp");
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
        await Send(Raw(null), HttpMethod.Get, "api/me");
        await Control.GetStringAsync("_sandbox/info");
        var raw = await GetControl("_sandbox/requests");
        var entries = raw["data"]!.AsArray();
        Assert.Equal(2, entries.Count);
        var first = entries[0]!;
        Assert.Equal("GET", (string)first["method"]!);
        Assert.Equal($"/api/organizations/{MainOrg}/runs", (string)first["path"]!);
        Assert.Equal("per_page=5&status=active", (string)first["query"]!);
        Assert.Equal(200, (int)first["status"]!);
        Assert.Equal(1001, (int)first["userId"]!);
        Assert.Null(first["fault"]);
        Assert.False(string.IsNullOrEmpty((string?)first["time"]));
        Assert.Equal(401, (int)entries[1]!["status"]!);
        Assert.Null(entries[1]!["userId"]);
        Assert.Equal("", (string)entries[1]!["query"]!);
        long seq = (long)first["seq"]!;
        Assert.Equal(seq + 1, (long)raw["lastSeq"]!);
        var since = await Log.SinceAsync(seq);
        Assert.Equal(seq + 1, Assert.Single(since).Seq);

        using var del = await Control.DeleteAsync("_sandbox/requests");
        Assert.Equal(HttpStatusCode.OK, del.StatusCode);
        Assert.Empty(await Log.SinceAsync(0));
    }

    [Fact]
    public async Task RequestLog_HoldsEachRequestAsSoonAsItsAnswerArrives()
    {
        var c = Api();
        long seq = 0;
        for (int i = 0; i < 40; i++)
        {
            await GetOk(c, "api/me?i=" + i);
            var log = await Log.SinceAsync(seq);
            Assert.Equal("i=" + i, Assert.Single(log).Query);
            seq = log[0].Seq;
        }

        await SetFaults(new { resetBeforeRate = 1.0, methods = new[] { "DELETE" } });
        for (int i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => c.DeleteAsync($"{RunsPath()}/0123456789abcdef0123456789abcdef?i={i}"));
            var entry = Assert.Single(await Log.SinceAsync(seq));
            Assert.Equal(("DELETE", 0, "reset-before", "i=" + i), (entry.Method, entry.Status, entry.Fault, entry.Query));
            seq = entry.Seq;
        }
    }

    [Fact]
    public async Task RequestLog_ThreadSafeUnderConcurrency()
    {
        var c = Api();
        var tasks = Enumerable.Range(0, 200).Select(_ => c.GetAsync("api/me")).ToArray();
        await Task.WhenAll(tasks);
        var log = await Log.SinceAsync(0);
        Assert.Equal(200, log.Count);
        Assert.Equal(200, log.Select(e => e.Seq).Distinct().Count());
    }

    [Fact]
    public async Task LargeDataset_StartsAndPages()
    {
        // How fast is the benchmark's business (bench -Scenario List): a shared machine must not fail a test.
        using (var r = await Control.PostAsync("_sandbox/reset", JsonBody(new { runs = 100000, seed = 5 })))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var c = Api();
        var body = await GetOk(c, RunsPath() + "?archived=true&per_page=100&page=999");
        Assert.Equal(100000, (int)body["meta"]!["pagination"]!["total"]!);
        Assert.Equal(100, body["data"]!.AsArray().Count);
        var seen = new HashSet<string>();
        for (int page = 1; page <= 20; page++)
        {
            var p = await GetOk(c, RunsPath() + $"?per_page=100&page={page * 40}");
            foreach (var run in p["data"]!.AsArray())
            {
                Assert.True(seen.Add((string)run!["id"]!), "a run listed on two pages");
            }
        }

        Assert.Equal(2000, seen.Count);
    }

    [Fact]
    public async Task LaunchedRun_AppearsInLists_AndIsLogged()
    {
        var c = Api();
        long since = await Log.LastSeqAsync();
        var (status, body, _) = await Launch(c, "Quarterly audit", "Quarterly audit - Test #1", query: "?with=tasks");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotEmpty(body!["data"]!["tasks"]!["data"]!.AsArray());
        var found = await GetOk(c, RunsPath() + "?q=Test%20%231");
        Assert.Equal((string)body["data"]!["id"]!, (string)found["data"]![0]!["id"]!);
        var log = await Log.SinceAsync(since);
        var post = log.Single(e => e.Method == "POST");
        Assert.Equal(201, post.Status);
        Assert.Equal("with=tasks", post.Query);
    }

    [Fact]
    public async Task Info_ListsEveryMember_AndTheSeedSettings()
    {
        var info = await GetControl("_sandbox/info");
        var members = info["members"]!.AsArray();
        Assert.Equal(14, members.Count); // 13 people and the bot
        Assert.Equal(new[] { "active", "disabled", "invited" }, members.Select(m => (string)m!["status"]!).Distinct().OrderBy(x => x));
        Assert.Equal("{\"runs\":60,\"seed\":42,\"tasksPerRun\":null,\"commentsPerTask\":null,\"formFieldsPerTask\":null}", info["seedSettings"]!.ToJsonString());
        Assert.Contains(info["checklists"]!.AsArray(), t => (string)t!["title"]! == "Office move" && (bool)t["archived"]!);
    }

    [Fact]
    public async Task State_ShowsWhatARunAndATaskStored_And404ForUnknownIds()
    {
        var c = Api();
        var run = await FirstRun(c, "status=active&with=tasks");
        string id = (string)run["id"]!;
        var raw = await RawRun(id);
        Assert.Equal((id, MainOrg, (string)run["name"]!, (string)run["status"]!), ((string)raw["id"]!, (string)raw["organizationId"]!, (string)raw["name"]!, (string)raw["status"]!));
        Assert.Equal(run["users"]!.ToJsonString(), raw["users"]!.ToJsonString());
        Assert.Equal(run["prerun"]!.ToJsonString(), raw["prerun"]!.ToJsonString());
        Assert.Equal(run["tasks"]!["data"]!.AsArray().Select(t => (string)t!["id"]!), raw["taskIds"]!.AsArray().Select(t => (string)t!));
        string taskId = (string)run["tasks"]!["data"]![0]!["id"]!;
        var task = await RawTask(taskId);
        Assert.Equal((taskId, id), ((string)task["id"]!, (string)task["runId"]!));
        Assert.Equal(run["tasks"]!["data"]![0]!["owners"]!.ToJsonString(), task["owners"]!.ToJsonString());
        foreach (string key in new[] { "status", "outcome", "taskdata", "notifications", "webhooks", "threads", "completedAt" })
        {
            Assert.True(task.AsObject().ContainsKey(key), "missing " + key);
        }

        var other = (await GetOk(Api(OtherAdmin), RunsPath(OtherOrg) + "?per_page=1"))["data"]![0]!;
        Assert.Equal(OtherOrg, (string)(await RawRun((string)other["id"]!))["organizationId"]!);
        foreach (string path in new[] { "runs/0123456789abcdef0123456789abcdef", "tasks/0123456789abcdef0123456789abcdef", "tasks/nope/notifications" })
        {
            using var r = await Control.GetAsync("_sandbox/state/" + path);
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.True((bool)JsonNode.Parse(await r.Content.ReadAsStringAsync())!["error"]!);
        }
    }
}
