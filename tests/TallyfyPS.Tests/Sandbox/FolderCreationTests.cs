using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>POST /folders (its own sandbox: the folders it makes would change the shared sandbox's lists).</summary>
public sealed class FolderCreationTests : OwnSandboxTest
{
    private const string FinanceFolder = "f01de5a0b1c2d3e4f5a6b7c8d9e0f101";

    [Fact]
    public async Task CreateFolder_Answers201_ListedUnderItsType_TemplateWithoutAType()
    {
        var c = Api();
        var made = await SeedHelpers.Data(Send(c, HttpMethod.Post, $"{OrgPath()}/folders", new { name = "Made by a test", folder_type = "run", parent_id = FinanceFolder }), HttpStatusCode.Created);
        Assert.Equal(("Made by a test", "run", FinanceFolder), ((string)made["name"]!, (string)made["folder_type"]!, (string)made["parent_id"]!));
        Assert.Contains((await GetOk(c, $"{OrgPath()}/folders?folder_type=run&per_page=100"))["data"]!.AsArray(), f => (string)f!["id"]! == (string)made["id"]!);
        var untyped = await SeedHelpers.Data(Send(c, HttpMethod.Post, $"{OrgPath()}/folders", new { name = "Made by a test, untyped" }), HttpStatusCode.Created);
        Assert.Equal("checklist", (string)untyped["folder_type"]!);
        var (status, body, _) = await Send(c, HttpMethod.Post, $"{OrgPath()}/folders", new { folder_type = "run" });
        Assert422(status, body, "name");
        (status, body, _) = await Send(Api(Light), HttpMethod.Post, $"{OrgPath()}/folders", new { name = "x" });
        AssertForbidden(status, body);
    }
}
