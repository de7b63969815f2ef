using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

public sealed class RetentionTests : SharedSandboxTest
{
    private static readonly DateTime BaseTime = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    public RetentionTests(SandboxFixture fixture)
        : base(fixture)
    {
    }

    private static DateTime At(JsonNode? v) => DateTime.Parse((string)v!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [Fact]
    public async Task Seed_SpreadsRunsOverAboutThreeYears()
    {
        var all = await AllRuns(Api());
        var created = all.Select(r => At(r["created_at"])).ToList();
        Assert.All(created, t => Assert.InRange(t, BaseTime.AddYears(-4), BaseTime));
        Assert.InRange((created.Max() - created.Min()).TotalDays, 2.4 * 365, 3.6 * 365);
        Assert.All(all, r =>
        {
            Assert.Equal((string)r["created_at"]!, (string)r["started_at"]!);
            Assert.True(At(r["last_updated"]) >= At(r["created_at"]));
        });
    }

    [Fact]
    public async Task CompletedRuns_HaveCompletionDates_AndOthersNone()
    {
        var all = await AllRuns(Api());
        Assert.All(all, r =>
        {
            if ((string)r["status"]! == "complete")
            {
                Assert.InRange(At(r["completed_at"]), At(r["created_at"]), BaseTime);
            }
            else
            {
                Assert.Null(r["completed_at"]);
            }
        });
    }

    [Fact]
    public async Task ArchivedRuns_HaveArchiveDates_AndSomeCompletedOnesWereArchivedAutomatically()
    {
        await Reset(new { runs = 400 });
        var c = Api();
        var archived = await AllRuns(c, "archived=only");
        Assert.InRange(archived.Count, 30, 90);
        Assert.All(archived, r => Assert.InRange(At(r["archived_at"]), At(r["created_at"]), BaseTime.AddHours(1)));
        var auto = archived.Where(r => r["completed_at"] is not null && At(r["archived_at"]) == At(r["completed_at"]).AddDays(180)).ToList();
        Assert.NotEmpty(auto);
        Assert.Contains(archived, r => r["completed_at"] is null);
        Assert.Contains(archived, r => r["completed_at"] is not null && !auto.Contains(r));
        var entry = Assert.Single((await GetOk(c, $"{OrgPath()}/activity-feeds?entity_id={(string)auto[0]["id"]!}"))["data"]!.AsArray())!;
        Assert.Equal(("archived", "system", (string)auto[0]["archived_at"]!), ((string)entry["verb"]![0]!, (string)entry["actor_type"]!, (string)entry["created_at"]!));
        Assert.Null(entry["actor_id"]![0]);
    }

    [Theory]
    [InlineData("completed_at")]
    [InlineData("-completed_at")]
    [InlineData("started_at")]
    [InlineData("-started_at")]
    public async Task Sort_ByCompletionOrStart_IsHonoured_WithRunsNotCompletedLast(string sort)
    {
        var got = await AllRuns(Api(), "archived=true&sort=" + sort);
        Assert.Equal(60, got.Count);
        string key = sort.TrimStart('-');
        var values = got.Select(r => (string?)r[key]).ToList();
        int firstNull = values.FindIndex(v => v is null);
        if (firstNull >= 0)
        {
            Assert.All(values.Skip(firstNull), v => Assert.Null(v));
        }

        var set = values.Where(v => v is not null).ToList();
        Assert.NotEmpty(set);
        Assert.Equal(sort.StartsWith('-') ? set.OrderByDescending(v => v, StringComparer.Ordinal) : set.OrderBy(v => v, StringComparer.Ordinal), set);
    }

    [Fact]
    public async Task Dates_AreTheSameForTheSameSeed_AndDifferForAnother()
    {
        string Dates(System.Collections.Generic.List<JsonObject> runs) =>
            string.Join("|", runs.Select(r => $"{r["created_at"]}/{r["completed_at"]}/{r["archived_at"]}"));
        string a = Dates(await AllRuns(Api()));
        await Reset();
        Assert.Equal(a, Dates(await AllRuns(Api())));
        await Reset(new { seed = 43 });
        Assert.NotEqual(a, Dates(await AllRuns(Api())));
    }
}
