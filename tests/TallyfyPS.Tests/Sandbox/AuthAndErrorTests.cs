using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class AuthAndErrorTests : SharedSandboxTest
{
    public AuthAndErrorTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task MissingToken_Is401()
    {
        var (status, body, _) = await Send(Raw(null), HttpMethod.Get, RunsPath());
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertError(body, "Unauthenticated.");
    }

    [Fact]
    public async Task MissingClientHeader_Is401()
    {
        var (status, body, _) = await Send(Raw(Admin, clientHeader: false), HttpMethod.Get, "api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertError(body, "Unauthenticated.");
    }

    [Fact]
    public async Task UnknownToken_Is401()
    {
        var (status, body, _) = await Send(Raw("not-a-token"), HttpMethod.Get, "api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertError(body, "Unauthenticated.");
    }

    [Theory]
    [InlineData(Admin, 1001, "dana.whitfield@acme.example")]
    [InlineData(Standard, 1002, "marco.reyes@acme.example")]
    [InlineData(Light, 1003, "priya.natarajan@acme.example")]
    [InlineData(OtherAdmin, 2001, "hank.scorpio@globex.example")]
    public async Task Me_ReturnsTheTokensUser(string token, int id, string email)
    {
        var body = await GetOk(Api(token), "api/me");
        var data = body["data"]!;
        Assert.Equal(id, (int)data["id"]!);
        Assert.Equal(email, (string?)data["email"]);
        Assert.False(string.IsNullOrEmpty((string?)data["username"]));
        Assert.False(string.IsNullOrEmpty((string?)data["first_name"]));
        Assert.False(string.IsNullOrEmpty((string?)data["last_name"]));
        Assert.False(string.IsNullOrEmpty((string?)data["timezone"]));
    }

    [Fact]
    public async Task MyOrganizations_ListsOwnOrg()
    {
        var body = await GetOk(Api(Standard), "api/me/organizations");
        var data = body["data"]!.AsArray();
        Assert.Single(data);
        Assert.Equal(MainOrg, (string?)data[0]!["id"]);
        Assert.Equal("Acme Operations", (string?)data[0]!["name"]);
        Assert.NotNull(data[0]!["created_at"]);
        var other = await GetOk(Api(OtherAdmin), "api/me/organizations");
        Assert.Equal("Globex Field Services", (string?)other["data"]![0]!["name"]);
    }

    [Fact]
    public async Task UnknownRoute_IsEndpointNotFound()
    {
        var (status, body, _) = await Send(Api(), HttpMethod.Get, "api/organizations/" + MainOrg + "/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, "API endpoint not found", "ENDPOINT_NOT_FOUND");
        (status, body, _) = await Send(Control, HttpMethod.Get, "_sandbox/nothing");
        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, "API endpoint not found", "ENDPOINT_NOT_FOUND");
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-an-id")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    public async Task UnknownOrMalformedRecord_IsResourceNotFound(string id)
    {
        var (status, body, _) = await Send(Api(), HttpMethod.Get, $"{RunsPath()}/{id}");
        AssertNotFound(status, body);
        (status, body, _) = await Send(Api(), HttpMethod.Get, $"{TasksPath()}/{id}");
        AssertNotFound(status, body);
        (status, body, _) = await Send(Api(), HttpMethod.Delete, $"{RunsPath()}/{id}");
        AssertNotFound(status, body);
    }

    [Fact]
    public async Task WrongMethod_Is405WithJson()
    {
        var (status, body, resp) = await Send(Api(), HttpMethod.Patch, $"{RunsPath()}/0123456789abcdef0123456789abcdef");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.True((bool)body!["error"]!);
        Assert.Equal("application/json", resp.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task MalformedJsonBody_Is422WithJson()
    {
        var (status, body, _) = await Send(Api(), HttpMethod.Post, RunsPath(), "{\"checklist_id\": ");
        Assert422(status, body, "body");
    }
}
