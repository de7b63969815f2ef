using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class OAuthTests : OwnSandboxTest
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> Token(Dictionary<string, string> form)
    {
        using var resp = await Raw(null, clientHeader: false).PostAsync("api/oauth/token", new FormUrlEncodedContent(form));
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
        var log = await Log.SinceAsync(0);
        Assert.Contains(log, e => e.Path == "/api/oauth/token" && e.Status == 200);
    }

    [Fact]
    public async Task BadClient_401InvalidClient_JsonBody400()
    {
        var (status, body) = await Token(ClientCredentials("wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", (string)body!["error"]!);
        Assert.Equal("Client authentication failed", (string)body["message"]!);

        using var resp = await Raw(null).PostAsync("api/oauth/token", JsonBody(new { grant_type = "client_credentials", client_id = "4001", client_secret = "sandbox-client-secret" }));
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
    public async Task Revoke_WithPersonalAccessTokens_LogsThoseUsersOut_UntilAReset()
    {
        using (var r = await Control.PostAsync("_sandbox/revoke-tokens",
            new StringContent("{\"personalAccessTokens\":[1002]}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(1, (int)JsonNode.Parse(await r.Content.ReadAsStringAsync())!["revoked"]!);
        }

        var (status, err, _) = await Send(Api(Standard), HttpMethod.Get, "api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertError(err, "Unauthenticated.");
        Assert.Equal(HttpStatusCode.OK, (await Send(Api(Admin), HttpMethod.Get, "api/me")).Status);
        using (var all = await Control.PostAsync("_sandbox/revoke-tokens",
            new StringContent("{\"personalAccessTokens\":true}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(Api(Admin), HttpMethod.Get, "api/me")).Status);
        using (var bad = await Control.PostAsync("_sandbox/revoke-tokens",
            new StringContent("{\"personalAccessTokens\":\"yes\"}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using var reset = await Control.PostAsync("_sandbox/reset", null);
        Assert.Equal(HttpStatusCode.OK, (await Send(Api(Admin), HttpMethod.Get, "api/me")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Send(Api(Standard), HttpMethod.Get, "api/me")).Status);
    }

    [Fact]
    public async Task ResetClearsIssuedTokens()
    {
        var (_, body) = await Token(ClientCredentials());
        var c = Api((string)body!["access_token"]!);
        using var r = await Control.PostAsync("_sandbox/reset", null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(c, HttpMethod.Get, "api/me")).Status);
    }

    [Fact]
    public async Task PasswordGrant_WorksForEveryActiveMember_WhoThenFindsTheirRoleInTheMembersList()
    {
        var (status, body) = await Token(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "liam.oconnor@acme.example", ["password"] = "sandbox-password" });
        Assert.Equal(HttpStatusCode.OK, status);
        var c = Api((string)body!["access_token"]!);
        var me = (await GetOk(c, "api/me"))["data"]!;
        Assert.Equal(1004, (int)me["id"]!);
        var found = (await GetOk(c, $"{OrgPath()}/users?q={System.Uri.EscapeDataString((string)me["email"]!)}"))["data"]!.AsArray();
        Assert.Equal("standard", ((string)Assert.Single(found)!["role"]!).ToLowerInvariant());

        foreach (string invitedOrDisabled in new[] { "kenji.watanabe@acme.example", "amara.okafor@acme.example" })
        {
            (status, body) = await Token(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = invitedOrDisabled, ["password"] = "sandbox-password" });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_grant", (string)body!["error"]!);
        }
    }
}
