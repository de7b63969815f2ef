using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class OrganizationsTests : SharedSandboxTest
{
    public OrganizationsTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task CrossOrganization_Is403()
    {
        var (status, body, _) = await Send(Api(Admin), HttpMethod.Get, RunsPath(OtherOrg));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(body, "You do not have access to this organization.");
        (status, body, _) = await Send(Api(OtherAdmin), HttpMethod.Get, TasksPath(MainOrg));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(body, "You do not have access to this organization.");
        var own = await GetOk(Api(OtherAdmin), RunsPath(OtherOrg));
        Assert.Equal(10, (int)own["meta"]!["pagination"]!["total"]! + (await GetOk(Api(OtherAdmin), RunsPath(OtherOrg) + "?archived=only"))["meta"]!["pagination"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task OtherOrg_HasOwnDataAndOneOffs()
    {
        var c = Api(OtherAdmin);
        var runs = await GetOk(c, RunsPath(OtherOrg) + "?archived=true&per_page=100");
        Assert.Equal(10, runs["data"]!.AsArray().Count);
        Assert.All(runs["data"]!.AsArray(), r => Assert.Equal(2001, (int)r!["owner_id"]!));
        var tasks = await GetOk(c, TasksPath(OtherOrg) + "?is_oneoff=true&archived=true");
        Assert.Equal(4, tasks["data"]!.AsArray().Count);
        string runId = (string)runs["data"]![0]!["id"]!;
        var (status, body, _) = await Send(Api(Admin), HttpMethod.Delete, $"{RunsPath(OtherOrg)}/{runId}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(body, "You do not have access to this organization.");
        var (s2, b2, _) = await Send(Api(Admin), HttpMethod.Get, $"{RunsPath(MainOrg)}/{runId}");
        AssertNotFound(s2, b2); // ids are per organization
    }
}
