using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Sandbox;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>One sandbox server per test class.</summary>
public sealed class SandboxFixture : IAsyncLifetime
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

/// <summary>Helpers shared by the sandbox tests; resets the sandbox before each test.</summary>
public abstract class SandboxTestBase : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    public const string MainOrg = SandboxState.MainOrgId;
    public const string OtherOrg = SandboxState.OtherOrgId;
    public const string Admin = SandboxState.AdminToken;
    public const string Standard = SandboxState.StandardToken;
    public const string Light = SandboxState.LightToken;
    public const string OtherAdmin = SandboxState.OtherAdminToken;

    private readonly List<HttpClient> _clients = new List<HttpClient>();

    protected SandboxTestBase(SandboxFixture fixture)
    {
        Fixture = fixture;
        Control = NewClient(null);
    }

    protected SandboxFixture Fixture { get; }

    protected SandboxServer Server => Fixture.Server;

    protected HttpClient Control { get; }

    protected virtual object? ResetBody => null;

    public virtual async Task InitializeAsync()
    {
        using var r = await Control.PostAsync("_sandbox/reset", ResetBody is null ? null : JsonBody(ResetBody));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    public Task DisposeAsync()
    {
        foreach (var c in _clients)
        {
            c.Dispose();
        }

        return Task.CompletedTask;
    }

    protected HttpClient NewClient(string? token, bool clientHeader = true, bool redirects = true)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = redirects, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        var c = new HttpClient(handler) { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        c.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (clientHeader)
        {
            c.DefaultRequestHeaders.Add("X-Tallyfy-Client", "APIClient");
        }

        _clients.Add(c);
        return c;
    }

    protected HttpClient Api(string token = Admin) => NewClient(token);

    protected static StringContent JsonBody(object body) =>
        new StringContent(body is string s ? s : JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    protected static string RunsPath(string org = MainOrg) => $"api/organizations/{org}/runs";

    protected static string TasksPath(string org = MainOrg) => $"api/organizations/{org}/tasks";

    protected static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Send(HttpClient c, HttpMethod method, string path, object? body = null)
    {
        using var req = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            req.Content = JsonBody(body);
        }

        var resp = await c.SendAsync(req);
        string text = await resp.Content.ReadAsStringAsync();
        JsonNode? node = text.Length == 0 ? null : JsonNode.Parse(text);
        return (resp.StatusCode, node, resp);
    }

    protected static async Task<JsonNode> GetOk(HttpClient c, string path)
    {
        var (status, body, _) = await Send(c, HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path} -> {(int)status}: {body?.ToJsonString()}");
        return body!;
    }

    protected async Task PutControl(string path, object body)
    {
        using var r = await Control.PutAsync(path, JsonBody(body));
        string text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"PUT {path} -> {(int)r.StatusCode}: {text}");
    }

    protected Task SetSwitches(object body) => PutControl("_sandbox/switches", body);

    protected Task SetFaults(object body) => PutControl("_sandbox/faults", body);

    protected static void AssertError(JsonNode? body, string message, string? code = null)
    {
        Assert.NotNull(body);
        Assert.True((bool)body!["error"]!);
        Assert.Equal(message, (string?)body["message"]);
        if (code is not null)
        {
            Assert.Equal(code, (string?)body["code"]);
        }
    }

    protected static void AssertNotFound(HttpStatusCode status, JsonNode? body)
    {
        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, "Resource not found", "RESOURCE_NOT_FOUND");
    }

    protected static void Assert422(HttpStatusCode status, JsonNode? body, string field)
    {
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("The given data was invalid.", (string?)body!["message"]);
        Assert.NotNull(body["errors"]![field]);
        Assert.True(body["errors"]![field]!.AsArray().Count > 0);
    }

    /// <summary>All runs of the main org (including archived), via the API.</summary>
    protected static async Task<List<JsonObject>> AllRuns(HttpClient c, string query = "archived=true")
    {
        var list = new List<JsonObject>();
        for (int page = 1; ; page++)
        {
            var body = await GetOk(c, $"{RunsPath()}?{query}&per_page=100&page={page}");
            foreach (var item in body["data"]!.AsArray())
            {
                list.Add(item!.AsObject());
            }

            var p = body["meta"]!["pagination"]!;
            if ((int)p["current_page"]! >= (int)p["total_pages"]!)
            {
                return list;
            }
        }
    }

    protected static async Task<JsonObject> FirstRun(HttpClient c, string query)
    {
        var body = await GetOk(c, $"{RunsPath()}?{query}&per_page=1");
        var data = body["data"]!.AsArray();
        Assert.NotEmpty(data);
        return data[0]!.AsObject();
    }

    protected async Task<List<JsonObject>> LogSince(long since)
    {
        var body = JsonNode.Parse(await Control.GetStringAsync($"_sandbox/requests?since={since}"))!;
        var list = new List<JsonObject>();
        foreach (var e in body["data"]!.AsArray())
        {
            list.Add(e!.AsObject());
        }

        return list;
    }

    protected async Task<long> LastSeq()
    {
        var body = JsonNode.Parse(await Control.GetStringAsync("_sandbox/requests"))!;
        var data = body["data"]!.AsArray();
        return data.Count == 0 ? 0 : (long)data[data.Count - 1]!["seq"]!;
    }
}
