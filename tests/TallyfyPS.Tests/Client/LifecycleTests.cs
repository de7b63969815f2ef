using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using Xunit;

namespace TallyfyPS.Tests.Client;

public sealed class LifecycleTests : SandboxClientBase
{
    private const string Missing = "0000000000000000000000000000dead";

    public LifecycleTests(ClientSandboxFixture fixture)
        : base(fixture)
    {
    }

    public static IEnumerable<object[]> Combinations()
    {
        foreach (string rearchive in new[] { "200", "404" })
        foreach (string archivedRunGet in new[] { "200", "404" })
        foreach (string deleteNotArchived in new[] { "422", "404" })
        foreach (string permanentDeleteSuccess in new[] { "200", "204" })
        {
            yield return new object[] { rearchive, archivedRunGet, deleteNotArchived, permanentDeleteSuccess };
        }
    }

    private async Task<(List<string> Live, List<string> Archived)> Pick()
    {
        var live = (await ListRuns("status=active")).Where(r => r["archived_at"] is null).Select(r => (string)r["id"]!).ToList();
        var archived = (await ListRuns("archived=only")).Select(r => (string)r["id"]!).ToList();
        Assert.True(live.Count >= 6 && archived.Count >= 5, $"seed has {live.Count} live, {archived.Count} archived");
        return (live, archived);
    }

    private async Task<(T Result, List<string> Requests)> Logged<T>(Func<Task<T>> action)
    {
        long seq = await LastSeq();
        T result = await action();
        var log = await Window(seq);
        return (result, log.Select(e => $"{e.Method} {e.Path}").ToList());
    }

    /// <summary>The sandbox logs a request when its answer is done (after the abort, for a reset), so compare as multisets.</summary>
    private static void Same(IEnumerable<string> expected, List<string> actual) =>
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), actual.OrderBy(x => x, StringComparer.Ordinal));

    private static string Del(string id) => "DELETE " + RunPath(id);

    private static string Perm(string id) => "DELETE " + RunPath(id) + "/delete";

    private static string Get(string id) => "GET " + RunPath(id);

    private static string Activate(string id) => "PUT " + RunPath(id) + "/activate";

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Outcomes_and_exact_requests_under_every_switch_combination(string rearchive, string archivedRunGet, string deleteNotArchived, string permanentDeleteSuccess)
    {
        await Switches(new { rearchive, archivedRunGet, deleteNotArchived, permanentDeleteSuccess });
        var (live, archived) = await Pick();
        var lc = new Lifecycle(NewClient(), ResourceKind.Run);
        var ct = CancellationToken.None;
        int okStatus = permanentDeleteSuccess == "204" ? 204 : 200;

        // Archive a live run: one DELETE.
        var (a, aReq) = await Logged(() => lc.ArchiveAsync(Org, live[0], existsKnown: false, ct));
        Assert.Equal(TallyfyRemovalStatus.Archived, a.RemovalStatus);
        Assert.Null(a.Error);
        Assert.Equal(200, a.HttpStatus);
        Assert.False(string.IsNullOrEmpty(a.Name));
        Same(new[] { Del(live[0]) }, aReq);
        Assert.Equal("archived", await StateOf(live[0]));

        // Archive an archived run.
        var (b, bReq) = await Logged(() => lc.ArchiveAsync(Org, archived[0], existsKnown: false, ct));
        if (rearchive == "200")
        {
            Assert.Equal(TallyfyRemovalStatus.AlreadyArchived, b.RemovalStatus);
            Same(new[] { Del(archived[0]) }, bReq);
        }
        else
        {
            Same(new[] { Del(archived[0]), Get(archived[0]) }, bReq);
            // With both 404s an archived run cannot be told from a missing one.
            Assert.Equal(archivedRunGet == "200" ? TallyfyRemovalStatus.AlreadyArchived : TallyfyRemovalStatus.NotFound, b.RemovalStatus);
        }

        Assert.Equal("archived", await StateOf(archived[0]));

        // Archive a missing run.
        var (c, cReq) = await Logged(() => lc.ArchiveAsync(Org, Missing, existsKnown: false, ct));
        Assert.Equal(TallyfyRemovalStatus.NotFound, c.RemovalStatus);
        Assert.Equal(TallyfyErrorKind.NotFound, c.Error!.Kind);
        Assert.Equal(404, c.HttpStatus);
        Same(new[] { Del(Missing), Get(Missing) }, cReq);

        // Permanently delete a live run, state unknown: delete, refused, archive, delete.
        var (d, dReq) = await Logged(() => lc.DeleteAsync(Org, live[1], knownArchived: null, ct));
        Assert.Equal(TallyfyRemovalStatus.Deleted, d.RemovalStatus);
        Assert.Null(d.Error);
        Assert.Equal(okStatus, d.HttpStatus);
        Same(new[] { Perm(live[1]), Del(live[1]), Perm(live[1]) }, dReq);
        Assert.Equal(3, d.Attempts);
        Assert.Equal("gone", await StateOf(live[1]));

        // Permanently delete a run known to be live: archive, delete.
        var (e, eReq) = await Logged(() => lc.DeleteAsync(Org, live[2], knownArchived: false, ct));
        Assert.Equal(TallyfyRemovalStatus.Deleted, e.RemovalStatus);
        Same(new[] { Del(live[2]), Perm(live[2]) }, eReq);
        Assert.False(string.IsNullOrEmpty(e.Name));
        Assert.Equal("gone", await StateOf(live[2]));

        // Permanently delete an archived run (known, then unknown): one DELETE .../delete.
        var (f, fReq) = await Logged(() => lc.DeleteAsync(Org, archived[1], knownArchived: true, ct));
        Assert.Equal(TallyfyRemovalStatus.Deleted, f.RemovalStatus);
        Assert.Equal(okStatus, f.HttpStatus);
        Same(new[] { Perm(archived[1]) }, fReq);
        var (g, gReq) = await Logged(() => lc.DeleteAsync(Org, archived[2], knownArchived: null, ct));
        Assert.Equal(TallyfyRemovalStatus.Deleted, g.RemovalStatus);
        Same(new[] { Perm(archived[2]) }, gReq);
        Assert.Equal("gone", await StateOf(archived[1]));
        Assert.Equal("gone", await StateOf(archived[2]));

        // Permanently delete a missing run: NotFound, nothing changed.
        var (h, hReq) = await Logged(() => lc.DeleteAsync(Org, Missing, knownArchived: null, ct));
        Assert.Equal(TallyfyRemovalStatus.NotFound, h.RemovalStatus);
        Assert.Equal(TallyfyErrorKind.NotFound, h.Error!.Kind);
        Assert.DoesNotContain("could not be archived", h.Message);
        Assert.Contains(Perm(Missing), hReq);
        Assert.All(hReq, r => Assert.Contains(Missing, r));
        Assert.True(hReq.Count <= 3, string.Join("\n", hReq));

        // Restore an archived run.
        var (i, iReq) = await Logged(() => lc.RestoreAsync(Org, archived[3], before: null, ct));
        Assert.Equal(TallyfyRestoreStatus.Restored, i.RestoreStatus);
        Assert.Null(i.Error);
        Same(new[] { Get(archived[3]), Activate(archived[3]) }, iReq);
        Assert.Equal("live", await StateOf(archived[3]));
        Assert.False(string.IsNullOrEmpty(i.Name));

        // Restore a live run: a read, nothing sent.
        var (j, jReq) = await Logged(() => lc.RestoreAsync(Org, live[3], before: null, ct));
        Assert.Equal(TallyfyRestoreStatus.NotArchived, j.RestoreStatus);
        Same(new[] { Get(live[3]) }, jReq);

        // Restore a missing run.
        var (k, kReq) = await Logged(() => lc.RestoreAsync(Org, Missing, before: null, ct));
        Assert.Equal(TallyfyRestoreStatus.NotFound, k.RestoreStatus);
        Same(new[] { Get(Missing), Activate(Missing) }, kReq);
    }

    [Fact]
    public async Task Probe_reads_name_and_archive_marker()
    {
        var (live, archived) = await Pick();
        var lc = new Lifecycle(NewClient(), ResourceKind.Run);
        Probe p = await lc.ProbeAsync(Org, live[0], CancellationToken.None);
        Assert.True(p.Exists);
        Assert.Null(p.ArchivedAt);
        Probe q = await lc.ProbeAsync(Org, archived[0], CancellationToken.None);
        Assert.True(q.Exists);
        Assert.NotNull(q.ArchivedAt);
        Probe m = await lc.ProbeAsync(Org, Missing, CancellationToken.None);
        Assert.False(m.Exists);
    }

    [Theory]
    [InlineData("200", false)]
    [InlineData("404", true)]
    public async Task Archive_with_reset_after_delete_ends_archived_by_verification_with_one_delete(string archivedRunGet, bool existsKnown)
    {
        await Switches(new { archivedRunGet });
        var (live, _) = await Pick();
        await Faults(new { resetAfterRate = 1.0, methods = new[] { "DELETE" } });
        var lc = new Lifecycle(NewClient(), ResourceKind.Run);
        var (o, req) = await Logged(() => lc.ArchiveAsync(Org, live[0], existsKnown, CancellationToken.None));
        Assert.Null(o.Error);
        Assert.Equal(TallyfyRemovalStatus.Archived, o.RemovalStatus);
        Same(new[] { Del(live[0]), Get(live[0]) }, req);
        Assert.Single(req, r => r.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.Contains("read showed", o.Message);
        await Faults(new { });
        Assert.Equal("archived", await StateOf(live[0]));
    }

    [Fact]
    public async Task Permanent_delete_with_reset_after_every_delete_verifies_each_step()
    {
        var (live, _) = await Pick();
        await Faults(new { resetAfterRate = 1.0, methods = new[] { "DELETE" } });
        var lc = new Lifecycle(NewClient(), ResourceKind.Run);
        var (o, req) = await Logged(() => lc.DeleteAsync(Org, live[0], knownArchived: false, CancellationToken.None));
        Assert.Null(o.Error);
        Assert.Equal(TallyfyRemovalStatus.Deleted, o.RemovalStatus);
        Same(new[] { Del(live[0]), Get(live[0]), Perm(live[0]), Get(live[0]) }, req);
        await Faults(new { });
        Assert.Equal("gone", await StateOf(live[0]));
    }

    [Fact]
    public async Task Restore_with_reset_after_put_ends_restored_with_one_put()
    {
        var (_, archived) = await Pick();
        await Faults(new { resetAfterRate = 1.0, methods = new[] { "PUT" } });
        var lc = new Lifecycle(NewClient(), ResourceKind.Run);
        var (o, req) = await Logged(() => lc.RestoreAsync(Org, archived[0], null, CancellationToken.None));
        Assert.Null(o.Error);
        Assert.Equal(TallyfyRestoreStatus.Restored, o.RestoreStatus);
        Assert.Single(req, r => r.StartsWith("PUT", StringComparison.Ordinal));
        await Faults(new { });
        Assert.Equal("live", await StateOf(archived[0]));
    }

    [Fact]
    public async Task Permanent_delete_as_standard_user_is_forbidden_and_says_the_run_stays_archived()
    {
        var (live, _) = await Pick();
        var lc = new Lifecycle(NewClient(Standard), ResourceKind.Run);
        var (o, req) = await Logged(() => lc.DeleteAsync(Org, live[0], knownArchived: false, CancellationToken.None));
        Assert.Equal(TallyfyRemovalStatus.Forbidden, o.RemovalStatus);
        Assert.Equal(TallyfyErrorKind.Forbidden, o.Error!.Kind);
        Assert.Equal(403, o.HttpStatus);
        Assert.Contains("archived but not permanently deleted", o.Message);
        Same(new[] { Del(live[0]), Perm(live[0]) }, req);
        Assert.Equal("archived", await StateOf(live[0]));
    }

    [Fact]
    public async Task Failed_ids_report_the_injected_status()
    {
        var (live, _) = await Pick();
        await Faults(new { failIds = new Dictionary<string, int> { [live[0]] = 403, [live[1]] = 500 } });
        var lc = new Lifecycle(NewClient(maxRetries: 2), ResourceKind.Run);
        Outcome f = await lc.ArchiveAsync(Org, live[0], false, CancellationToken.None);
        Assert.Equal(TallyfyRemovalStatus.Forbidden, f.RemovalStatus);
        var (s, req) = await Logged(() => lc.ArchiveAsync(Org, live[1], false, CancellationToken.None));
        Assert.Equal(TallyfyRemovalStatus.Failed, s.RemovalStatus);
        Assert.Equal(TallyfyErrorKind.ServerError, s.Error!.Kind);
        Assert.Equal(500, s.HttpStatus);
        Assert.Equal(3, req.Count(r => r.StartsWith("DELETE", StringComparison.Ordinal)));
    }
}
