using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>PUT /runs/{id}/custom-fields (replace all) and PATCH /runs/{id}/custom-fields/{key} (one).</summary>
public sealed class CustomFieldWritesTests : OwnSandboxTest
{
    [Fact]
    public async Task Patch_sets_or_drops_one_field_and_Put_replaces_them_all()
    {
        var runs = await GetOk(Api(Admin), RunsPath() + "?status=active&per_page=1");
        string id = (string)runs["data"]![0]!["id"]!;
        var (status, body, _) = await Send(Api(Admin), new HttpMethod("PATCH"), $"{RunsPath()}/{id}/custom-fields/cost_center", new { value = "CC-1042" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("CC-1042", (string)body!["data"]!["custom_fields"]!["cost_center"]!);
        Assert.Equal("CC-1042", (string)(await GetOk(Api(Admin), $"{RunsPath()}/{id}"))["data"]!["custom_fields"]!["cost_center"]!);

        (status, body, _) = await Send(Api(Admin), new HttpMethod("PATCH"), $"{RunsPath()}/{id}/custom-fields/cost_center", new { other = 1 });
        Assert.Equal((HttpStatusCode)422, status);
        Assert.NotNull(body!["errors"]!["value"]);

        (status, body, _) = await Send(Api(Admin), HttpMethod.Put, $"{RunsPath()}/{id}/custom-fields", new { region = "EMEA" });
        Assert.Equal(HttpStatusCode.OK, status);
        var fields = body!["data"]!["custom_fields"]!.AsObject();
        Assert.Equal(new[] { "region" }, fields.Select(p => p.Key).ToArray());

        (status, body, _) = await Send(Api(Admin), new HttpMethod("PATCH"), $"{RunsPath()}/{id}/custom-fields/region", new { value = (string?)null });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["data"]!["custom_fields"]);

        (status, _, _) = await Send(Api(Light), new HttpMethod("PATCH"), $"{RunsPath()}/{id}/custom-fields/x", new { value = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        (status, _, _) = await Send(Api(Admin), new HttpMethod("PATCH"), $"{RunsPath()}/0123456789abcdef0123456789abcdef/custom-fields/x", new { value = 1 });
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
