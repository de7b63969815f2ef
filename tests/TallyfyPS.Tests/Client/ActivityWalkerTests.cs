using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Web;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>The activity feed takes one verb a request: several verbs are read one request (and one paging) each, and merged newest first.</summary>
public sealed class ActivityWalkerTests
{
    private static readonly DateTimeOffset Base = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A feed whose entries of each verb are served newest first in pages of the size asked.</summary>
    private static ScriptedHandler Feed(Dictionary<string, (long Id, int MinutesAgo)[]> byVerb)
    {
        return new ScriptedHandler
        {
            Fallback = request =>
            {
                var q = HttpUtility.ParseQueryString(request.RequestUri!.Query);
                string verb = q["verb"] ?? "";
                int page = int.Parse(q["page"] ?? "1", CultureInfo.InvariantCulture);
                int size = int.Parse(q["per_page"] ?? "20", CultureInfo.InvariantCulture);
                var all = byVerb.TryGetValue(verb, out var found) ? found : Array.Empty<(long Id, int MinutesAgo)>();
                var items = all.Skip((page - 1) * size).Take(size).Select(e =>
                    $"{{\"id\":{e.Id},\"verb\":[\"{verb}\"],\"created_at\":\"{Base.AddMinutes(-e.MinutesAgo):yyyy-MM-dd'T'HH:mm:ss'Z'}\"}}");
                int pages = Math.Max(1, (all.Length + size - 1) / size);
                string body = $"{{\"data\":[{string.Join(",", items)}],\"meta\":{{\"pagination\":{{\"total\":{all.Length},\"per_page\":{size},\"current_page\":{page},\"total_pages\":{pages}}}}}}}";
                return ScriptedHandler.Make(HttpStatusCode.OK, body);
            },
        };
    }

    private static async Task<List<TallyfyActivity>> ReadAll(ActivityWalker walker)
    {
        var context = new CallContext();
        var all = new List<TallyfyActivity>();
        while (await walker.NextAsync(context) is IReadOnlyList<TallyfyActivity> page)
        {
            all.AddRange(page);
        }

        return all;
    }

    [Fact]
    public async Task Several_verbs_are_one_request_each_paged_on_their_own_and_merged_newest_first()
    {
        var h = Feed(new Dictionary<string, (long, int)[]>
        {
            ["completed"] = Enumerable.Range(0, 5).Select(i => (100L + i, i * 10)).ToArray(),       // 0, 10, 20, 30, 40 minutes ago
            ["archived"] = new[] { (200L, 5), (201L, 25), (202L, 90) },
        });
        var api = new TallyfyApi(Scripted.Client(h));
        ActivityWalker walker = api.ListActivity(Scripted.Org, new ActivityQuery { Verbs = new[] { "Completed", "archived", "completed" } }, first: 2);
        List<TallyfyActivity> all = await ReadAll(walker);

        Assert.Equal(new[] { "100", "200", "101", "102", "201", "103", "104", "202" }, all.Select(a => a.Id));
        Assert.All(h.Requests, r => Assert.DoesNotContain(",", HttpUtility.ParseQueryString(r.Uri.Query)["verb"]));
        Assert.Equal(new[] { "archived", "completed" }, h.Requests.Select(r => HttpUtility.ParseQueryString(r.Uri.Query)["verb"]).Distinct().OrderBy(v => v));
        Assert.Equal(3, h.Requests.Count(r => HttpUtility.ParseQueryString(r.Uri.Query)["verb"] == "completed")); // pages of 2
        Assert.Equal(2, h.Requests.Count(r => HttpUtility.ParseQueryString(r.Uri.Query)["verb"] == "archived"));
    }

    [Fact]
    public async Task One_verb_or_none_is_the_plain_walk()
    {
        var h = Feed(new Dictionary<string, (long, int)[]> { [""] = new[] { (1L, 0), (2L, 1) }, ["created"] = new[] { (3L, 0) } });
        var api = new TallyfyApi(Scripted.Client(h));
        Assert.Equal(new[] { "1", "2" }, (await ReadAll(api.ListActivity(Scripted.Org, new ActivityQuery()))).Select(a => a.Id));
        Assert.Equal(new[] { "3" }, (await ReadAll(api.ListActivity(Scripted.Org, new ActivityQuery { Verbs = new[] { "created" } }))).Select(a => a.Id));
        Assert.Null(HttpUtility.ParseQueryString(h.Requests[0].Uri.Query)["verb"]);
    }
}
