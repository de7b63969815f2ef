using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Sandbox;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>One in-process sandbox per test class (60 runs, seed 42).</summary>
public sealed class ClientSandboxFixture : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await SandboxServer.StartAsync(new SandboxOptions { Runs = 60, Seed = 42 });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
    }
}

/// <summary>A request as the sandbox logged it.</summary>
public sealed record Logged(string Method, string Path, string Query, int Status, string? Fault)
{
    public override string ToString() => $"{Method} {Path}{(Query.Length > 0 ? "?" + Query : "")} -> {Status}{(Fault is null ? "" : " [" + Fault + "]")}";
}

/// <summary>Raw HTTP to the sandbox (API and control surface), and TallyfyClients pointed at it.</summary>
public abstract class SandboxClientBase : IClassFixture<ClientSandboxFixture>, IAsyncLifetime
{
    public const string Org = SandboxState.MainOrgId;
    public const string Admin = SandboxState.AdminToken;
    public const string Standard = SandboxState.StandardToken;

    private readonly List<IDisposable> _disposables = new();

    protected SandboxClientBase(ClientSandboxFixture fixture)
    {
        Server = fixture.Server;
        Control = Raw(null);
        AdminHttp = Raw(Admin);
    }

    protected SandboxServer Server { get; }

    /// <summary>No token: for /_sandbox.</summary>
    protected HttpClient Control { get; }

    /// <summary>Admin token, Tallyfy headers: plain HTTP calls that are not the code under test.</summary>
    protected HttpClient AdminHttp { get; }

    public virtual async Task InitializeAsync()
    {
        await Reset();
    }

    public Task DisposeAsync()
    {
        foreach (var d in _disposables)
        {
            d.Dispose();
        }

        return Task.CompletedTask;
    }

    protected async Task Reset()
    {
        using var r = await Control.PostAsync("_sandbox/reset", null);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    protected HttpClient Raw(string? token)
    {
        var c = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        c.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        c.DefaultRequestHeaders.Add("X-Tallyfy-Client", "APIClient");
        if (token != null)
        {
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _disposables.Add(c);
        return c;
    }

    protected TallyfyClient NewClient(string token = Admin, int maxRetries = 3)
    {
        var c = new TallyfyClient(new TallyfyClientOptions(Server.ApiBaseAddress, new StaticTokenProvider(token, "test"))
        {
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
            RequestTimeout = TimeSpan.FromSeconds(20),
        });
        _disposables.Add(c);
        return c;
    }

    protected async Task Put(string path, object body)
    {
        using var r = await Control.PutAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        string text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"PUT {path} -> {(int)r.StatusCode}: {text}");
    }

    protected Task Switches(object body) => Put("_sandbox/switches", body);

    protected Task Faults(object body) => Put("_sandbox/faults", body);

    protected async Task<long> LastSeq()
    {
        var body = JsonNode.Parse(await Control.GetStringAsync("_sandbox/requests"))!;
        return (long)body["lastSeq"]!;
    }

    protected async Task<List<Logged>> Since(long seq)
    {
        var body = JsonNode.Parse(await Control.GetStringAsync($"_sandbox/requests?since={seq}"))!;
        return body["data"]!.AsArray().Select(e => new Logged((string)e!["method"]!, (string)e["path"]!, (string?)e["query"] ?? "", (int)e["status"]!, (string?)e["fault"])).ToList();
    }

    /// <summary>
    /// The requests logged since <paramref name="seq"/> by the code under test. The sandbox logs a request after its
    /// answer is sent, so a marker request is sent and awaited in the log; list calls and markers (the helpers' own) are left out.
    /// </summary>
    protected async Task<List<Logged>> Window(long seq)
    {
        string marker = "/api/me";
        using (var r = await AdminHttp.GetAsync("api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        for (int i = 0; ; i++)
        {
            var log = await Since(seq);
            if (log.Any(e => e.Path == marker) || i > 200)
            {
                return log.Where(e => e.Path != marker && !e.Path.EndsWith("/runs", StringComparison.Ordinal)).ToList();
            }

            await Task.Delay(10);
        }
    }

    protected static string RunPath(string id) => $"/api/organizations/{Org}/runs/{id}";

    /// <summary>Runs of the main org in list order (all pages), by a raw list call.</summary>
    protected async Task<List<JsonObject>> ListRuns(string query)
    {
        var list = new List<JsonObject>();
        for (int page = 1; ; page++)
        {
            using var r = await AdminHttp.GetAsync($"api/organizations/{Org}/runs?{query}&per_page=100&page={page}");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
            list.AddRange(body["data"]!.AsArray().Select(x => x!.AsObject()));
            var p = body["meta"]!["pagination"]!;
            if ((int)p["current_page"]! >= (int)p["total_pages"]!)
            {
                return list;
            }
        }
    }

    /// <summary>"live", "archived" or "gone", read from the lists (which no switch changes).</summary>
    protected async Task<string> StateOf(string id)
    {
        var all = await ListRuns("archived=true");
        var run = all.FirstOrDefault(r => (string)r["id"]! == id);
        if (run is null)
        {
            return "gone";
        }

        return run["archived_at"] is null ? "live" : "archived";
    }

    protected async Task<HttpStatusCode> RawDelete(string id)
    {
        using var r = await AdminHttp.DeleteAsync($"api/organizations/{Org}/runs/{id}");
        return r.StatusCode;
    }
}
