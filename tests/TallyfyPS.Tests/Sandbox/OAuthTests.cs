using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class OAuthTests : SandboxTestBase
{
    public OAuthTests(SandboxFixture fixture) : base(fixture)
    {
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> Token(Dictionary<string, string> form)
    {
        using var resp = await NewClient(null, clientHeader: false).PostAsync("api/oauth/token", new FormUrlEncodedContent(form));
        string text = await resp.Content.ReadAsStringAsync();
        return (resp.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static Dictionary<string, string> ClientCredentials(string secret = "sandbox-client-secret") => new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = "4001",
        ["client_secret"] = secret,
        ["scope"] = "*",
    };

    [Fact]
    public async Task ClientCredentials_IssuesWorkingToken()
    {
        var (status, body) = await Token(ClientCredentials());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", (string)body!["token_type"]!);
        Assert.Equal(604800, (int)body["expires_in"]!);
        Assert.Null(body["refresh_token"]);
        string token = (string)body["access_token"]!;
        var me = await GetOk(Api(token), "api/me");
        Assert.Equal(1001, (int)me["data"]!["id"]!);
        var log = await LogSince(0);
        Assert.Contains(log, e => (string)e["path"]! == "/api/oauth/token" && (int)e["status"]! == 200);
    }

    [Fact]
    public async Task BadClient_401InvalidClient_JsonBody400()
    {
        var (status, body) = await Token(ClientCredentials("wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", (string)body!["error"]!);
        Assert.Equal("Client authentication failed", (string)body["message"]!);

        using var resp = await NewClient(null).PostAsync("api/oauth/token", JsonBody(new { grant_type = "client_credentials", client_id = "4001", client_secret = "sandbox-client-secret" }));
        Assert.Equal(HttpStatusCode.BadRequest, resp.StatusCode);
        var err = JsonNode.Parse(await resp.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_request", (string)err["error"]!);
        Assert.False(string.IsNullOrEmpty((string?)err["message"]));

        (status, body) = await Token(new Dictionary<string, string> { ["grant_type"] = "magic" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unsupported_grant_type", (string)body!["error"]!);
    }

    [Fact]
    public async Task Password_AndRefresh()
    {
        var (status, body) = await Token(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "marco.reyes@acme.example",
            ["password"] = "sandbox-password",
            ["client_id"] = "4001",
            ["client_secret"] = "sandbox-client-secret",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        string refresh = (string)body!["refresh_token"]!;
        Assert.Equal(1002, (int)(await GetOk(Api((string)body["access_token"]!), "api/me"))["data"]!["id"]!);

        (status, body) = await Token(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "marco.reyes@acme.example", ["password"] = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", (string)body!["error"]!);

        var refreshForm = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = "4001", ["client_secret"] = "sandbox-client-secret" };
        (status, body) = await Token(refreshForm);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(refresh, (string)body!["refresh_token"]!);
        Assert.Equal(1002, (int)(await GetOk(Api((string)body["access_token"]!), "api/me"))["data"]!["id"]!);
        (status, body) = await Token(refreshForm); // single use
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", (string)body!["error"]!);
    }

    [Fact]
    public async Task Token_ExpiresAfterLifetime()
    {
        await SetSwitches(new { oauthTokenLifetimeSeconds = 1 });
        var (_, body) = await Token(ClientCredentials());
        Assert.Equal(1, (int)body!["expires_in"]!);
        var c = Api((string)body["access_token"]!);
        Assert.Equal(HttpStatusCode.OK, (await Send(c, HttpMethod.Get, "api/me")).Status);
        await Task.Delay(1300);
        var (status, err, _) = await Send(c, HttpMethod.Get, "api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertError(err, "Unauthenticated.");
    }

    [Fact]
    public async Task Revoke_InvalidatesIssuedTokens_NotPats_RefreshStillWorks()
    {
        var (_, body) = await Token(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "dana.whitfield@acme.example", ["password"] = "sandbox-password" });
        var c = Api((string)body!["access_token"]!);
        Assert.Equal(HttpStatusCode.OK, (await Send(c, HttpMethod.Get, "api/me")).Status);
        using var r = await Control.PostAsync("_sandbox/revoke-tokens", null);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(c, HttpMethod.Get, "api/me")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Send(Api(Admin), HttpMethod.Get, "api/me")).Status);
        var (status, renewed) = await Token(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = (string)body["refresh_token"]!, ["client_id"] = "4001", ["client_secret"] = "sandbox-client-secret" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, (await Send(Api((string)renewed!["access_token"]!), HttpMethod.Get, "api/me")).Status);
    }

    [Fact]
    public async Task ResetClearsIssuedTokens()
    {
        var (_, body) = await Token(ClientCredentials());
        var c = Api((string)body!["access_token"]!);
        using var r = await Control.PostAsync("_sandbox/reset", null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(c, HttpMethod.Get, "api/me")).Status);
    }
}
