using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Client;

public sealed class RecordOperationsTests : ClientTestBase
{
    private const string Missing = "0000000000000000000000000000dead";

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

    private RequestCounter _counter = new CallContext().NewCounter();

    /// <summary>A fresh counter for the next call; <see cref="Attempts"/> reads it.</summary>
    private RequestCounter Counter() => _counter = new CallContext().NewCounter();

    private int Attempts => _counter.Sent;

    private RecordOperations Runs(string token = Admin, int maxRetries = 3) => new TallyfyOperations(new TallyfyApi(NewClient(token, maxRetries))).Runs;

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
        var lc = Runs();
        int okStatus = permanentDeleteSuccess == "204" ? 204 : 200;

        // Archive a live run: one DELETE.
        var (a, aReq) = await Logged(() => lc.ArchiveAsync(Org, live[0], RecordState.Unknown, Counter()));
        Assert.Equal(TallyfyRemovalStatus.Archived, a.Status);
        Assert.Null(a.Error);
        Assert.Equal(200, a.HttpStatus);
        Assert.False(string.IsNullOrEmpty(a.Name));
        Same(new[] { Del(live[0]) }, aReq);
        Assert.Equal("archived", await StateOf(live[0]));

        // Archive an archived run.
        var (b, bReq) = await Logged(() => lc.ArchiveAsync(Org, archived[0], RecordState.Unknown, Counter()));
        if (rearchive == "200")
        {
            Assert.Equal(TallyfyRemovalStatus.AlreadyArchived, b.Status);
            Same(new[] { Del(archived[0]) }, bReq);
        }
        else
        {
            // A read, and where the read cannot see archived runs, the archived list (left out of the window) settles it.
            Same(new[] { Del(archived[0]), Get(archived[0]) }, bReq);
            Assert.Equal(TallyfyRemovalStatus.AlreadyArchived, b.Status);
            Assert.Null(b.Error);
        }

        Assert.Equal("archived", await StateOf(archived[0]));

        // Archive a missing run.
        var (c, cReq) = await Logged(() => lc.ArchiveAsync(Org, Missing, RecordState.Unknown, Counter()));
        Assert.Equal(TallyfyRemovalStatus.NotFound, c.Status);
        Assert.Equal(TallyfyErrorKind.NotFound, c.Error!.Kind);
        Assert.Equal(404, c.HttpStatus);
        Same(new[] { Del(Missing), Get(Missing) }, cReq);

        // Permanently delete a live run, state unknown: archive (its answer carries the name), then delete.
        var (d, dReq) = await Logged(() => lc.DeleteAsync(Org, live[1], RecordState.Unknown, Counter()));
        Assert.Equal(TallyfyRemovalStatus.Deleted, d.Status);
        Assert.Null(d.Error);
        Assert.Equal(okStatus, d.HttpStatus);
        Assert.False(string.IsNullOrEmpty(d.Name));
        Same(new[] { Del(live[1]), Perm(live[1]) }, dReq);
        Assert.Equal(2, Attempts);
        Assert.Equal("gone", await StateOf(live[1]));

        // Permanently delete a run known to be live: archive, delete.
        var (e, eReq) = await Logged(() => lc.DeleteAsync(Org, live[2], new RecordState(KnownState.Live), Counter()));
        Assert.Equal(TallyfyRemovalStatus.Deleted, e.Status);
        Same(new[] { Del(live[2]), Perm(live[2]) }, eReq);
        Assert.False(string.IsNullOrEmpty(e.Name));
        Assert.Equal("gone", await StateOf(live[2]));

        // Permanently delete an archived run: known archived, one DELETE .../delete; unknown, at most two requests.
        var (f, fReq) = await Logged(() => lc.DeleteAsync(Org, archived[1], new RecordState(KnownState.Archived), Counter()));
        Assert.Equal(TallyfyRemovalStatus.Deleted, f.Status);
        Assert.Equal(okStatus, f.HttpStatus);
        Same(new[] { Perm(archived[1]) }, fReq);
        Assert.Equal(1, Attempts);
        var (g, gReq) = await Logged(() => lc.DeleteAsync(Org, archived[2], RecordState.Unknown, Counter()));
        Assert.Equal(TallyfyRemovalStatus.Deleted, g.Status);
        Same(new[] { Del(archived[2]), Perm(archived[2]) }, gReq);
        Assert.Equal(2, Attempts);
        Assert.Equal("gone", await StateOf(archived[1]));
        Assert.Equal("gone", await StateOf(archived[2]));

        // Permanently delete a missing run: Absent (deleted earlier, or never here), no error, nothing changed.
        var (h, hReq) = await Logged(() => lc.DeleteAsync(Org, Missing, RecordState.Unknown, Counter()));
        Assert.Equal(TallyfyRemovalStatus.Absent, h.Status);
        Assert.Null(h.Error);
        Assert.Equal(404, h.HttpStatus);
        Assert.Contains("deleted earlier, or never in this organization", h.Message);
        Assert.DoesNotContain("could not be archived", h.Message);
        Assert.Contains(Perm(Missing), hReq);
        Assert.All(hReq, r => Assert.Contains(Missing, r));
        Assert.True(hReq.Count <= 2, string.Join("\n", hReq));

        // Restore an archived run.
        var (i, iReq) = await Logged(() => lc.RestoreAsync(Org, archived[3], RecordState.Unknown, Counter()));
        Assert.Equal(TallyfyRestoreStatus.Restored, i.Status);
        Assert.Null(i.Error);
        Same(new[] { Get(archived[3]), Activate(archived[3]) }, iReq);
        Assert.Equal("live", await StateOf(archived[3]));
        Assert.False(string.IsNullOrEmpty(i.Name));

        // Restore a live run: a read, nothing sent.
        var (j, jReq) = await Logged(() => lc.RestoreAsync(Org, live[3], RecordState.Unknown, Counter()));
        Assert.Equal(TallyfyRestoreStatus.NotArchived, j.Status);
        Same(new[] { Get(live[3]) }, jReq);

        // Restore a missing run.
        var (k, kReq) = await Logged(() => lc.RestoreAsync(Org, Missing, RecordState.Unknown, Counter()));
        Assert.Equal(TallyfyRestoreStatus.NotFound, k.Status);
        Same(new[] { Get(Missing), Activate(Missing) }, kReq);
    }

    [Fact]
    public async Task Read_gives_the_state_name_and_archive_marker()
    {
        var (live, archived) = await Pick();
        var lc = Runs();
        RecordState p = await lc.ReadAsync(Org, live[0], Counter());
        Assert.Equal(KnownState.Live, p.State);
        Assert.False(string.IsNullOrEmpty(p.Name));
        Assert.Null(p.ArchivedAt);
        RecordState q = await lc.ReadAsync(Org, archived[0], Counter());
        Assert.Equal(KnownState.Archived, q.State);
        Assert.NotNull(q.ArchivedAt);
        RecordState m = await lc.ReadAsync(Org, Missing, Counter());
        Assert.Equal(KnownState.Missing, m.State);
    }

    [Theory]
    [InlineData("200", false)]
    [InlineData("404", true)]
    public async Task Archive_with_reset_after_delete_ends_archived_by_verification_with_one_delete(string archivedRunGet, bool existsKnown)
    {
        await Switches(new { archivedRunGet });
        var (live, _) = await Pick();
        await Faults(new { resetAfterRate = 1.0, methods = new[] { "DELETE" } });
        var lc = Runs();
        var (o, req) = await Logged(() => lc.ArchiveAsync(Org, live[0], existsKnown ? new RecordState(KnownState.Live) : RecordState.Unknown, Counter()));
        Assert.Null(o.Error);
        Assert.Equal(TallyfyRemovalStatus.Archived, o.Status);
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
        var lc = Runs();
        var (o, req) = await Logged(() => lc.DeleteAsync(Org, live[0], new RecordState(KnownState.Live), Counter()));
        Assert.Null(o.Error);
        Assert.Equal(TallyfyRemovalStatus.Deleted, o.Status);
        Same(new[] { Del(live[0]), Get(live[0]), Perm(live[0]), Get(live[0]) }, req);
        await Faults(new { });
        Assert.Equal("gone", await StateOf(live[0]));
    }

    [Fact]
    public async Task Restore_with_reset_after_put_ends_restored_with_one_put()
    {
        var (_, archived) = await Pick();
        await Faults(new { resetAfterRate = 1.0, methods = new[] { "PUT" } });
        var lc = Runs();
        var (o, req) = await Logged(() => lc.RestoreAsync(Org, archived[0], RecordState.Unknown, Counter()));
        Assert.Null(o.Error);
        Assert.Equal(TallyfyRestoreStatus.Restored, o.Status);
        Assert.Single(req, r => r.StartsWith("PUT", StringComparison.Ordinal));
        await Faults(new { });
        Assert.Equal("live", await StateOf(archived[0]));
    }

    [Fact]
    public async Task Permanent_delete_as_standard_user_is_forbidden_and_says_the_run_stays_archived()
    {
        var (live, _) = await Pick();
        var lc = Runs(Standard);
        var (o, req) = await Logged(() => lc.DeleteAsync(Org, live[0], new RecordState(KnownState.Live), Counter()));
        Assert.Equal(TallyfyRemovalStatus.Forbidden, o.Status);
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
        var lc = Runs(maxRetries: 2);
        RemovalOutcome f = await lc.ArchiveAsync(Org, live[0], RecordState.Unknown, Counter());
        Assert.Equal(TallyfyRemovalStatus.Forbidden, f.Status);
        var (s, req) = await Logged(() => lc.ArchiveAsync(Org, live[1], RecordState.Unknown, Counter()));
        Assert.Equal(TallyfyRemovalStatus.Failed, s.Status);
        Assert.Equal(TallyfyErrorKind.ServerError, s.Error!.Kind);
        Assert.Equal(500, s.HttpStatus);
        // -MaxRetries 2 bounds everything sent for the item, the reads that check an unknown outcome included:
        // the DELETE answered 500 (it may have been applied), so the next two requests read the run, and fail too.
        Assert.Equal(new[] { Del(live[1]), Get(live[1]), Get(live[1]) }, req);
        Assert.Equal(3, Attempts);
    }
}
