using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Journal;
using TallyfyPS.Model;
using TallyfyPS.Operations;
using TallyfyPS.Tests.Client;
using Xunit;

namespace TallyfyPS.Tests.Journal;

/// <summary>
/// Journals of the task work and of launches: which results are settled (replayed with nothing sent), that they
/// round-trip through a journal file, that a launch's recorded run comes back as the same run, and that a launch an
/// interrupted call had sent is looked for by name and never launched blindly.
/// </summary>
public sealed class WorkJournalTests : IDisposable
{
    private const string Org = Scripted.Org;
    private const string Template = "aaaabbbbccccddddeeeeffff00001111";
    private const string RunA = "0123456789abcdef0123456789abcdef";
    private const string RunB = "fedcba9876543210fedcba9876543210";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tallyfy-workjournal-" + Guid.NewGuid().ToString("n"));

    public WorkJournalTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Now(double secondsAgo = 0) => DateTimeOffset.UtcNow.AddSeconds(-secondsAgo).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Run(string id, string name, string createdAt) =>
        $"{{\"id\":\"{id}\",\"name\":\"{name}\",\"checklist_id\":\"{Template}\",\"status\":\"active\",\"created_at\":\"{createdAt}\"}}";

    private static string List(params string[] items) =>
        $"{{\"data\":[{string.Join(",", items)}],\"meta\":{{\"pagination\":{{\"total\":{items.Length},\"count\":{items.Length},\"per_page\":100,\"current_page\":1,\"total_pages\":1,\"links\":[]}}}}}}";

    [Theory]
    [InlineData(TallyfyTaskCompletionStatus.Completed, true)]
    [InlineData(TallyfyTaskCompletionStatus.Approved, true)]
    [InlineData(TallyfyTaskCompletionStatus.Rejected, true)]
    [InlineData(TallyfyTaskCompletionStatus.AlreadyCompleted, true)]
    [InlineData(TallyfyTaskCompletionStatus.Reopened, true)]
    [InlineData(TallyfyTaskCompletionStatus.AlreadyOpen, true)]
    [InlineData(TallyfyTaskCompletionStatus.NotFound, true)]
    [InlineData(TallyfyTaskCompletionStatus.Unknown, false)]
    [InlineData(TallyfyTaskCompletionStatus.Failed, false)]
    [InlineData(TallyfyTaskCompletionStatus.Forbidden, false)]
    [InlineData(TallyfyTaskCompletionStatus.NotAttempted, false)]
    [InlineData(TallyfyTaskCompletionStatus.Skipped, false)]
    public void A_completion_result_is_settled_only_when_a_rerun_could_not_change_it(TallyfyTaskCompletionStatus status, bool settled) =>
        Assert.Equal(settled, new TallyfyTaskCompletionResult { Status = status }.Settled);

    [Theory]
    [InlineData(TallyfyRemovalStatus.Deleted, true)]
    [InlineData(TallyfyRemovalStatus.NotFound, true)]
    [InlineData(TallyfyRemovalStatus.Failed, false)]
    [InlineData(TallyfyRemovalStatus.NotAttempted, false)]
    [InlineData(TallyfyRemovalStatus.Skipped, false)]
    public void A_comment_removal_is_settled_when_deleted_or_gone(TallyfyRemovalStatus status, bool settled) =>
        Assert.Equal(settled, new TallyfyCommentRemovalResult { Status = status }.Settled);

    [Fact]
    public void A_launch_is_settled_only_with_the_run_it_can_bring_back()
    {
        Assert.True(new TallyfyLaunchResult { Status = TallyfyLaunchStatus.Launched, RunId = RunA, RunJson = "{}" }.Settled);
        Assert.True(new TallyfyLaunchResult { Status = TallyfyLaunchStatus.Existing, RunId = RunA, RunJson = "{}" }.Settled);
        Assert.False(new TallyfyLaunchResult { Status = TallyfyLaunchStatus.Launched, RunId = RunA }.Settled);
        Assert.False(new TallyfyLaunchResult { Status = TallyfyLaunchStatus.Failed, RunId = RunA, RunJson = "{}" }.Settled);
    }

    [Fact]
    public void The_work_results_are_known_to_the_codec_and_round_trip_through_a_journal_with_their_values()
    {
        Assert.Contains(typeof(TallyfyTaskCompletionResult), ResultCodec.KnownTypes);
        Assert.Contains(typeof(TallyfyCommentRemovalResult), ResultCodec.KnownTypes);
        Assert.Contains(typeof(TallyfyLaunchResult), ResultCodec.KnownTypes);
        string runJson = Run(RunA, "Onboard \\\"Jane\\\" – ü", Now()).Replace("}", ",\"summary\":\"line 1\\nline 2\"}");
        var completion = new TallyfyTaskCompletionResult
        {
            TaskId = "t1", RunId = RunA, Title = "Review", TaskType = "approval", Action = TallyfyTaskAction.Approve,
            Status = TallyfyTaskCompletionStatus.Approved, TaskCompletedAt = new TallyfyTimestamp(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)),
            HttpStatus = 200, Attempts = 2, OrganizationId = Org, PerformedBy = "dana@acme.example",
        };
        var comment = new TallyfyCommentRemovalResult { CommentId = "900000001", TaskId = "t1", Content = "x", Status = TallyfyRemovalStatus.Deleted, OrganizationId = Org };
        var launch = new TallyfyLaunchResult { Row = 7, Name = "Onboard \"Jane\"", TemplateId = Template, RunId = RunA, Status = TallyfyLaunchStatus.Launched, RunJson = runJson, OrganizationId = Org };
        string path = Path.Combine(_dir, "work.journal");
        using (var j = JournalFile.Open(path, new JournalHeader("Start-TallyfyRun", "Launch from template " + Template, Org, DateTimeOffset.Now)))
        {
            j.Result("a", completion);
            j.Result("b", comment);
            j.Step("c", ChangeSteps.Launching);
            j.Result("d", launch);
        }

        using var reopened = JournalFile.Open(path, new JournalHeader("Start-TallyfyRun", "Launch from template " + Template, Org, DateTimeOffset.Now));
        var a = Assert.IsType<TallyfyTaskCompletionResult>(reopened.Entries["a"].Result);
        Assert.Equal(TallyfyTaskCompletionStatus.Approved, a.Status);
        Assert.Equal(TallyfyTaskAction.Approve, a.Action);
        Assert.Equal(completion.TaskCompletedAt!.Value, a.TaskCompletedAt!.Value);
        Assert.Equal("dana@acme.example", a.PerformedBy);
        Assert.True(reopened.Entries["a"].Settled);
        Assert.True(reopened.Entries["b"].Settled);
        Assert.False(reopened.Entries["c"].Settled);
        Assert.Equal(new[] { ChangeSteps.Launching }, reopened.Entries["c"].Steps);
        var d = Assert.IsType<TallyfyLaunchResult>(reopened.Entries["d"].Result);
        Assert.Equal(runJson, d.RunJson);
        Assert.Equal(7, d.Row);
        Assert.True(reopened.Entries["d"].Settled);
        TallyfyRun run = TallyfyOperations.RunFromJournal(d.RunJson!, Org);
        Assert.Equal(RunA, run.Id);
        Assert.Equal("Onboard \"Jane\" – ü", run.Name);
        Assert.Equal(Template, run.BlueprintId);
    }

    [Fact]
    public void An_unknown_result_keeps_the_steps_sent_before_it_so_a_rerun_looks_first_and_a_final_result_clears_them()
    {
        string path = Path.Combine(_dir, "unknown.journal");
        var header = new JournalHeader("Add-TallyfyComment", "Comment", Org, DateTimeOffset.Now);
        using (var j = JournalFile.Open(path, header))
        {
            j.Step("u", ChangeSteps.Commenting);
            j.Result("u", new TallyfyCommentResult { TaskId = "t1", Status = TallyfyCommentStatus.Unknown, OrganizationId = Org });
            j.Step("f", ChangeSteps.Commenting);
            j.Result("f", new TallyfyCommentResult { TaskId = "t2", Status = TallyfyCommentStatus.Failed, OrganizationId = Org });
            j.Step("d", ChangeSteps.Commenting);
            j.Result("d", new TallyfyCommentResult { CommentId = "900000009", TaskId = "t3", Status = TallyfyCommentStatus.Added, OrganizationId = Org });
        }

        using var reopened = JournalFile.Open(path, header);
        Assert.False(reopened.Entries["u"].Settled);
        Assert.Equal(new[] { ChangeSteps.Commenting }, reopened.Entries["u"].Steps); // it may have been posted: look before posting
        Assert.Empty(reopened.Entries["f"].Steps);                                   // refused: safe to post again
        Assert.True(reopened.Entries["d"].Settled);
        Assert.Empty(reopened.Entries["d"].Steps);
    }

    [Fact]
    public async Task A_launch_answer_keeps_the_run_as_the_service_described_it_for_the_journal()
    {
        var h = new ScriptedHandler().Respond(201, "{\"data\":" + Run(RunA, "Onboard Jane", Now()) + "}");
        LaunchOutcome outcome = await new TallyfyOperations(new TallyfyApi(Scripted.Client(h))).LaunchRunAsync(Org, new NewRun(Template, "Onboard Jane"), new ChangeLedger(), new CallContext().NewCounter());
        Assert.Equal(RunA, TallyfyOperations.RunFromJournal(outcome.RecordJson!, Org).Id);
    }

    private static Task<LaunchOutcome?> FindInterrupted(ScriptedHandler h, ChangeLedger ledger, DateTimeOffset since) =>
        new TallyfyOperations(new TallyfyApi(Scripted.Client(h))).FindInterruptedLaunchAsync(Org, new NewRun(Template, "Onboard Jane"), since, ledger, new CallContext().NewCounter());

    [Fact]
    public async Task An_interrupted_launch_whose_run_exists_is_found_by_name_and_nothing_is_posted()
    {
        var h = new ScriptedHandler().Respond(200, List(Run(RunA, "Onboard Jane", Now(5))));
        LaunchOutcome? found = await FindInterrupted(h, new ChangeLedger(), DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.NotNull(found);
        Assert.Equal(ChangeStatus.Done, found!.Status);
        Assert.Equal(RunA, found.Record!.Id);
        Assert.NotNull(found.RecordJson);
        Assert.DoesNotContain(h.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task An_interrupted_launch_with_no_unaccounted_run_is_launched_again()
    {
        // RunA is recorded in the journal for another row; RunB is older than the journal.
        var ledger = new ChangeLedger();
        ledger.Claim(RunA);
        var h = new ScriptedHandler().Respond(200, List(Run(RunA, "Onboard Jane", Now(5)), Run(RunB, "Onboard Jane", Now(86400))));
        Assert.Null(await FindInterrupted(h, ledger, DateTimeOffset.UtcNow.AddMinutes(-10)));
    }

    [Fact]
    public async Task Two_unaccounted_runs_make_an_interrupted_launch_unknown_and_nothing_is_launched()
    {
        var h = new ScriptedHandler().Respond(200, List(Run(RunA, "Onboard Jane", Now(5)), Run(RunB, "Onboard Jane", Now(3))));
        LaunchOutcome? outcome = await FindInterrupted(h, new ChangeLedger(), DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(ChangeStatus.Unknown, outcome!.Status);
        Assert.Contains("Get-TallyfyRun -TemplateId " + Template, outcome.Message);
        Assert.DoesNotContain(h.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task A_failed_search_for_an_interrupted_launch_is_unknown_and_nothing_is_launched()
    {
        var h = new ScriptedHandler().Respond(403, "{\"message\":\"no\"}");
        LaunchOutcome? outcome = await FindInterrupted(h, new ChangeLedger(), DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(ChangeStatus.Unknown, outcome!.Status);
        Assert.DoesNotContain(h.Requests, r => r.Method == HttpMethod.Post);
    }
}
