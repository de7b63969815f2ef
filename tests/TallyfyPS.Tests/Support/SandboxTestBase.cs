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
using TallyfyPS.Sandbox;
using Xunit;

namespace TallyfyPS.Tests.Support;

/// <summary>
/// Raw HTTP to a sandbox, its API and its control surface, for tests. Derive from <see cref="SharedSandboxTest"/>
/// (one sandbox per test class, reset before each test) or, for a test that changes faults, switches or limits
/// or reads the request log, from <see cref="OwnSandboxTest"/> (a sandbox of its own).
/// </summary>
public abstract class SandboxTestBase : IAsyncLifetime
{
    public const string MainOrg = SandboxState.MainOrgId;
    public const string OtherOrg = SandboxState.OtherOrgId;
    public const string Admin = SandboxState.AdminToken;
    public const string Standard = SandboxState.StandardToken;
    public const string Light = SandboxState.LightToken;
    public const string OtherAdmin = SandboxState.OtherAdminToken;

    private readonly List<HttpClient> _clients = new List<HttpClient>();
    private HttpClient? _control;

    protected abstract SandboxServer Server { get; }

    /// <summary>No token, no Tallyfy headers: for <c>/_sandbox</c>.</summary>
    protected HttpClient Control => _control ??= Raw(null, clientHeader: false);

    protected SandboxLog Log => new SandboxLog(Control);

    public abstract Task InitializeAsync();

    public virtual Task DisposeAsync()
    {
        foreach (var c in _clients)
        {
            c.Dispose();
        }

        return Task.CompletedTask;
    }

    /// <summary>A client as a Tallyfy API client sends: the bearer token (none when null) and <c>X-Tallyfy-Client</c>.</summary>
    protected HttpClient Raw(string? token, bool clientHeader = true, bool redirects = true)
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

    /// <summary>An API client signed in with <paramref name="token"/>.</summary>
    protected HttpClient Api(string token = Admin) => Raw(token);

    protected static string OrgPath(string org = MainOrg) => $"api/organizations/{org}";

    protected static string RunsPath(string org = MainOrg) => $"api/organizations/{org}/runs";

    protected static string TasksPath(string org = MainOrg) => $"api/organizations/{org}/tasks";

    protected static StringContent JsonBody(object body) =>
        new StringContent(body is string s ? s : JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>Sends a request (a string body is sent as it is, anything else as JSON) and parses the answer.</summary>
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

    /// <summary>Sends and asserts the status; returns the parsed body.</summary>
    protected static async Task<JsonNode?> Expect(HttpStatusCode expected, HttpClient c, HttpMethod method, string path, object? body = null)
    {
        var (status, answer, _) = await Send(c, method, path, body);
        Assert.True(status == expected, $"{method} {path} -> {(int)status}, expected {(int)expected}: {answer?.ToJsonString()}");
        return answer;
    }

    /// <summary>Resets the sandbox (runs 60, seed 42 and default data unless <paramref name="body"/> says otherwise).</summary>
    protected async Task<JsonNode> Reset(object? body = null)
    {
        using var r = await Control.PostAsync("_sandbox/reset", body is null ? null : JsonBody(body));
        string text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"POST _sandbox/reset -> {(int)r.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    protected async Task<JsonNode> GetControl(string path)
    {
        using var r = await Control.GetAsync(path);
        string text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"GET {path} -> {(int)r.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
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

    protected static void AssertForbidden(HttpStatusCode status, JsonNode? body)
    {
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True((bool)body!["error"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
    }

    /// <summary>A 422 with the Laravel body and at least one message for <paramref name="field"/>; returns the first message.</summary>
    protected static string Assert422(HttpStatusCode status, JsonNode? body, string field)
    {
        Assert.True(status == (HttpStatusCode)422, $"expected 422, got {(int)status}: {body?.ToJsonString()}");
        Assert.Equal("The given data was invalid.", (string?)body!["message"]);
        Assert.True(body["errors"]![field] is JsonArray { Count: > 0 }, $"no errors.{field} in {body.ToJsonString()}");
        return (string)body["errors"]![field]![0]!;
    }

    /// <summary>Every item of a list endpoint, walking the pages (per_page 100).</summary>
    protected static async Task<List<JsonObject>> AllPages(HttpClient c, string path, string query = "")
    {
        var list = new List<JsonObject>();
        for (int page = 1; ; page++)
        {
            var body = await GetOk(c, $"{path}?{query}{(query.Length > 0 ? "&" : "")}per_page=100&page={page}");
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

    /// <summary>All runs of the main organization (archived too unless <paramref name="query"/> says otherwise).</summary>
    protected static Task<List<JsonObject>> AllRuns(HttpClient c, string query = "archived=true") => AllPages(c, RunsPath(), query);

    protected static async Task<JsonObject> FirstRun(HttpClient c, string query)
    {
        var body = await GetOk(c, $"{RunsPath()}?{query}&per_page=1");
        var data = body["data"]!.AsArray();
        Assert.NotEmpty(data);
        return data[0]!.AsObject();
    }

    protected static string TemplatesPath(string org = MainOrg) => $"api/organizations/{org}/checklists";

    /// <summary>A template of the main organization by title (archived ones too), as the list shows it with its steps.</summary>
    protected static async Task<JsonObject> Template(HttpClient c, string title, string org = MainOrg)
    {
        var body = await GetOk(c, $"{TemplatesPath(org)}?archived=true&per_page=100&with=steps,tags,folder&q={Uri.EscapeDataString(title)}");
        return body["data"]!.AsArray().Single(t => (string)t!["title"]! == title)!.AsObject();
    }

    /// <summary>Launches a run of the template titled <paramref name="title"/> with its required kick-off fields filled; <paramref name="edit"/> changes the body first.</summary>
    protected static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Launch(HttpClient c, string title, string name, Action<JsonObject, JsonObject>? edit = null, string query = "")
    {
        var template = await Template(c, title);
        var body = new JsonObject { ["checklist_id"] = (string)template["id"]!, ["name"] = name, ["prerun"] = SeedHelpers.RequiredPrerun(template) };
        edit?.Invoke(body, template);
        return await Send(c, HttpMethod.Post, RunsPath() + query, body.ToJsonString());
    }

    /// <summary>Launches a run (201 asserted) and returns it with its tasks.</summary>
    protected static async Task<JsonNode> Launched(HttpClient c, string title, string name = "Launched by a test", Action<JsonObject, JsonObject>? edit = null)
    {
        var (status, body, _) = await Launch(c, title, name, edit, "?with=tasks,tags,folders");
        SeedHelpers.AssertOk(status, body, HttpStatusCode.Created);
        return body!["data"]!;
    }

    /// <summary>What the sandbox stored for a run (<c>GET /_sandbox/state/runs/{id}</c>), past the API.</summary>
    protected Task<JsonNode> RawRun(string id) => GetControl("_sandbox/state/runs/" + id);

    /// <summary>What the sandbox stored for a task (<c>GET /_sandbox/state/tasks/{id}</c>), past the API.</summary>
    protected Task<JsonNode> RawTask(string id) => GetControl("_sandbox/state/tasks/" + id);
}
