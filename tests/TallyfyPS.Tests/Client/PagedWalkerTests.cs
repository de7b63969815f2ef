using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Client;

public sealed class PagedWalkerTests : ClientTestBase
{
    private PagedWalker<TallyfyRun> Walker(TallyfyClient client, string status, int perPage, long skip = 0) =>
        Walker(client, new KeyValuePair<string, string>("status", status), perPage, skip);

    /// <summary>A walker over the runs list with one filter and a chosen page size (the facade always asks for the largest).</summary>
    private static PagedWalker<TallyfyRun> Walker(TallyfyClient client, KeyValuePair<string, string> filter, int perPage, long skip = 0)
    {
        var request = new ApiRequest(System.Net.Http.HttpMethod.Get, $"organizations/{Org}/runs") { Query = new[] { filter } };
        return new PagedWalker<TallyfyRun>((page, size, counter) => client.GetPageAsync(request, page, size, e => Mapper.Run(e, Org), counter),
            perPage, r => r.Id, skip);
    }

    private async Task<List<string>> WalkArchivingEach(PagedWalker<TallyfyRun> walker)
    {
        var seen = new List<string>();
        while (await walker.NextAsync(new CallContext()) is { } items)
        {
            foreach (TallyfyRun run in items)
            {
                seen.Add(run.Id);
                Assert.Equal(HttpStatusCode.OK, await RawDelete(run.Id));
            }
        }

        return seen;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("empty-array")]
    [InlineData("empty-object")]
    [InlineData("null")]
    [InlineData("absent")]
    public async Task Archiving_each_item_while_walking_skips_nothing(string? lastPageLinks)
    {
        if (lastPageLinks != null)
        {
            await Switches(new { lastPageLinks });
        }

        List<string> before = (await ListRuns("status=active")).Select(r => (string)r["id"]!).ToList();
        Assert.True(before.Count > 14, $"only {before.Count} active runs seeded: the test needs several pages");
        var walker = Walker(NewClient(), "active", 7);
        List<string> seen = await WalkArchivingEach(walker);

        Assert.Equal(before.Count, walker.InitialTotal);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(before.OrderBy(x => x), seen.OrderBy(x => x));
        Assert.Empty(await ListRuns("status=active"));
    }

    [Theory]
    [InlineData(7L, null)]
    [InlineData(14L, "empty-object")]
    [InlineData(14L, "absent")]
    [InlineData(7L, "null")]
    [InlineData(3L, null)]
    [InlineData(10L, "empty-array")]
    [InlineData(9L, "absent")]
    public async Task Archiving_each_item_with_skip_leaves_exactly_the_skipped(long skip, string? lastPageLinks)
    {
        if (lastPageLinks != null)
        {
            await Switches(new { lastPageLinks });
        }

        List<string> before = (await ListRuns("status=active")).Select(r => (string)r["id"]!).ToList();
        Assert.True(before.Count > skip + 7);
        var walker = Walker(NewClient(), "active", 7, skip);
        List<string> seen = await WalkArchivingEach(walker);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(before.Skip((int)skip).OrderBy(x => x), seen.OrderBy(x => x));
        Assert.Equal(before.Take((int)skip).OrderBy(x => x), (await ListRuns("status=active")).Select(r => (string)r["id"]!).OrderBy(x => x));
    }

    [Fact]
    public async Task Archiving_a_whole_page_after_it_is_returned_skips_nothing()
    {
        List<string> before = (await ListRuns("status=active")).Select(r => (string)r["id"]!).ToList();
        var walker = Walker(NewClient(), "active", 7);
        var seen = new List<string>();
        while (await walker.NextAsync(new CallContext()) is { } items)
        {
            seen.AddRange(items.Select(r => r.Id));
            foreach (TallyfyRun run in items)
            {
                await RawDelete(run.Id);
            }
        }

        Assert.Equal(before.OrderBy(x => x), seen.OrderBy(x => x));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Plain_walk_returns_the_list_in_order_exactly_once()
    {
        List<string> before = (await ListRuns("archived=true")).Select(r => (string)r["id"]!).ToList();
        var walker = Walker(NewClient(), new KeyValuePair<string, string>("archived", "true"), 7);
        var seen = new List<string>();
        while (await walker.NextAsync(new CallContext()) is { } items)
        {
            seen.AddRange(items.Select(r => r.Id));
        }

        Assert.Equal(before, seen);
        Assert.Equal((before.Count + 6) / 7, walker.PagesFetched);
        Assert.Null(await walker.NextAsync(new CallContext()));
    }

    [Fact]
    public async Task Skip_beyond_the_end_returns_nothing()
    {
        var walker = Walker(NewClient(), "active", 7, 10_000);
        Assert.Null(await walker.NextAsync(new CallContext()));
    }
}
