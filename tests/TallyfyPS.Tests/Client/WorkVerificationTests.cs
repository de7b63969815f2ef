using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>
/// Creates whose answer is lost (a launch, a completion, a comment) are never sent again on a guess: they are
/// verified by a read, and what the read cannot settle is Unknown. Answers the sandbox cannot give, scripted.
/// </summary>
public sealed class WorkVerificationTests
{
    private const string Org = Scripted.Org;
    private const string Template = "aaaabbbbccccddddeeeeffff00001111";
    private const string TaskId = "99990000111122223333444455556666";
    private const string RunA = "0123456789abcdef0123456789abcdef";
    private const string RunB = "fedcba9876543210fedcba9876543210";

    private static string Now(double secondsAgo = 0) => DateTimeOffset.UtcNow.AddSeconds(-secondsAgo).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Run(string id, string name, string createdAt) =>
        $"{{\"id\":\"{id}\",\"name\":\"{name}\",\"checklist_id\":\"{Template}\",\"status\":\"active\",\"created_at\":\"{createdAt}\"}}";

    private static string List(params string[] items) =>
        $"{{\"data\":[{string.Join(",", items)}],\"meta\":{{\"pagination\":{{\"total\":{items.Length},\"count\":{items.Length},\"per_page\":100,\"current_page\":1,\"total_pages\":1,\"links\":[]}}}}}}";

    private static int Posts(ScriptedHandler h) => h.Requests.Count(r => r.Method == HttpMethod.Post);

    private static async Task<LaunchOutcome> Launch(ScriptedHandler h, string name = "Onboard Jane")
    {
        var api = new TallyfyOperations(new TallyfyApi(Scripted.Client(h)));
        return await api.LaunchRunAsync(Org, new NewRun(Template, name), new ChangeLedger(), new CallContext().NewCounter());
    }

    [Fact]
    public async Task A_lost_launch_answer_is_found_by_name_and_not_sent_again()
    {
        var h = new ScriptedHandler()
            .Throw(new IOException("connection reset"))
            .Respond(200, List(Run(RunA, "Onboard Jane", Now())));
        LaunchOutcome outcome = await Launch(h);
        Assert.Equal(ChangeStatus.Done, outcome.Status);
        Assert.Equal(RunA, outcome.Record!.Id);
        Assert.Equal(1, Posts(h));
        Assert.Contains("checklist_id=" + Template, h.Requests[1].Uri.Query);
    }

    [Fact]
    public async Task A_lost_launch_answer_with_no_such_run_is_sent_again()
    {
        var h = new ScriptedHandler()
            .Throw(new IOException("connection reset"))
            .Respond(200, List(Run(RunB, "Onboard Jane", Now(secondsAgo: 3600)))) // an older run of that name is not this launch's
            .Respond(201, "{\"data\":" + Run(RunA, "Onboard Jane", Now()) + "}");
        LaunchOutcome outcome = await Launch(h);
        Assert.Equal(ChangeStatus.Done, outcome.Status);
        Assert.Equal(RunA, outcome.Record!.Id);
        Assert.Equal(2, Posts(h));
    }

    [Fact]
    public async Task Two_candidates_make_the_launch_unknown_and_it_is_not_sent_again()
    {
        var h = new ScriptedHandler()
            .Throw(new IOException("connection reset"))
            .Respond(200, List(Run(RunA, "Onboard Jane", Now()), Run(RunB, "Onboard Jane", Now())));
        LaunchOutcome outcome = await Launch(h);
        Assert.Equal(ChangeStatus.Unknown, outcome.Status);
        Assert.Equal(TallyfyApiException.OutcomeUnknownCode, outcome.Error!.ErrorCode);
        Assert.Contains("Get-TallyfyRun -TemplateId " + Template, outcome.Message);
        Assert.Equal(1, Posts(h));
    }

    [Fact]
    public async Task A_search_that_fails_makes_the_launch_unknown_and_it_is_not_sent_again()
    {
        var h = new ScriptedHandler { Fallback = _ => ScriptedHandler.Make(System.Net.HttpStatusCode.InternalServerError, "{\"message\":\"boom\"}") }
            .Throw(new IOException("connection reset"));
        LaunchOutcome outcome = await Launch(h);
        Assert.Equal(ChangeStatus.Unknown, outcome.Status);
        Assert.Equal(1, Posts(h));
        Assert.True(h.Requests.Count(r => r.Method == HttpMethod.Get) >= 1);
    }

    [Fact]
    public async Task A_launch_that_keeps_answering_5xx_is_unknown_not_failed()
    {
        var h = new ScriptedHandler { Fallback = r => r.Method == HttpMethod.Post
            ? ScriptedHandler.Make(System.Net.HttpStatusCode.BadGateway, "{\"message\":\"bad gateway\"}")
            : ScriptedHandler.Make(System.Net.HttpStatusCode.OK, List()) };
        LaunchOutcome outcome = await Launch(h);
        Assert.Equal(ChangeStatus.Unknown, outcome.Status);
        // Each repeat came after a search that found nothing: never two launches on a guess.
        var methods = h.Requests.Select(r => r.Method).ToList();
        Assert.True(Posts(h) > 1);
        for (int i = 1; i < methods.Count; i++)
        {
            if (methods[i] == HttpMethod.Post)
            {
                Assert.Equal(HttpMethod.Get, methods[i - 1]);
            }
        }
    }

    private static TallyfyTask Task(string status = "active") => new() { Id = TaskId, RunId = RunA, Title = "Step", Status = status, TaskType = "task" };

    [Fact]
    public async Task A_lost_completion_answer_is_checked_by_reading_the_task()
    {
        var h = new ScriptedHandler()
            .Throw(new IOException("connection reset"))
            .Respond(200, $"{{\"data\":{{\"id\":\"{TaskId}\",\"title\":\"Step\",\"run_id\":\"{RunA}\",\"status\":\"completed\",\"completed_at\":\"{Now()}\"}}}}");
        var api = new TallyfyOperations(new TallyfyApi(Scripted.Client(h)));
        TaskWorkOutcome outcome = await api.CompleteTaskAsync(Org, Task(), null, new CallContext().NewCounter());
        Assert.Equal(TallyfyTaskCompletionStatus.Completed, outcome.Status);
        Assert.Equal(1, Posts(h));
        Assert.EndsWith($"/runs/{RunA}/tasks/{TaskId}", h.Requests[1].Uri.AbsolutePath);
    }

    [Fact]
    public async Task A_completion_whose_check_fails_is_unknown_and_not_sent_again()
    {
        var h = new ScriptedHandler { Fallback = _ => ScriptedHandler.Make(System.Net.HttpStatusCode.ServiceUnavailable, "{\"message\":\"down\"}") }
            .Throw(new IOException("connection reset"));
        var api = new TallyfyOperations(new TallyfyApi(Scripted.Client(h)));
        TaskWorkOutcome outcome = await api.CompleteTaskAsync(Org, Task(), null, new CallContext().NewCounter());
        Assert.Equal(TallyfyTaskCompletionStatus.Unknown, outcome.Status);
        Assert.Equal(TallyfyApiException.OutcomeUnknownCode, outcome.Error!.ErrorCode);
        Assert.Equal(1, Posts(h));
    }

    [Fact]
    public async Task A_completion_answered_with_an_older_completion_time_is_AlreadyCompleted()
    {
        var h = new ScriptedHandler()
            .Respond(200, $"{{\"data\":{{\"id\":\"{TaskId}\",\"status\":\"completed\",\"completed_at\":\"{Now(secondsAgo: 7200)}\",\"completer_id\":1002}}}}");
        var api = new TallyfyOperations(new TallyfyApi(Scripted.Client(h)));
        TaskWorkOutcome outcome = await api.CompleteTaskAsync(Org, Task(), null, new CallContext().NewCounter());
        Assert.Equal(TallyfyTaskCompletionStatus.AlreadyCompleted, outcome.Status);
        Assert.Contains("since it was read", outcome.Message);
    }

    [Fact]
    public async Task The_hourly_comment_cap_is_not_waited_for_the_comment_is_NotAttempted_and_the_action_stops_for_the_call()
    {
        var h = new ScriptedHandler()
            .Respond(429, "{\"message\":\"Too many comments\",\"code\":\"RATE_LIMIT_EXCEEDED\"}", configure: r => r.Headers.Add("Retry-After", "3000"));
        h.Fallback = _ => ScriptedHandler.Make(HttpStatusCode.OK, $"{{\"data\":{{\"id\":\"{TaskId}\",\"title\":\"t\",\"threads\":{{\"data\":[]}}}}}}");
        var api = new TallyfyOperations(new TallyfyApi(Scripted.Client(h, o => o.MaxRetries = 5)));
        var call = new CallContext();
        CommentOutcome outcome = await api.AddCommentAsync(Org, TaskId, null, "hello", null, null, 1001, new ChangeLedger(), call.NewCounter());
        Assert.Equal(1, Posts(h));
        Assert.Equal(ChangeStatus.NotAttempted, outcome.Status); // refused by the cap: nothing applied, nothing unknown
        Assert.Equal(429, outcome.HttpStatus);
        Assert.Equal(TallyfyErrorKind.NotSent, outcome.Error!.Kind);
        Assert.Equal(NotSentReason.RateLimited, outcome.Error.NotSentReason);
        RateLimitInfo limit = outcome.Error.Limit!;
        Assert.InRange((limit.Until - DateTimeOffset.UtcNow).TotalMinutes, 45, 51);
        Assert.Contains("RATE_LIMIT_EXCEEDED", limit.Cap);
        Assert.Contains("Too many comments", limit.Cap);
        Assert.Contains("UTC", outcome.Error.Message);

        // The same action later in the call is not sent; another action is.
        CommentOutcome next = await api.AddCommentAsync(Org, TaskId, null, "again", null, null, 1001, new ChangeLedger(), call.NewCounter());
        Assert.Equal(1, Posts(h));
        Assert.Equal(ChangeStatus.NotAttempted, next.Status);
        await api.GetTaskCommentsAsync(Org, TaskId, null, call.NewCounter());
        Assert.Equal(2, h.Requests.Count);

        // A new call tries again (the client's clock is not the service's: the service says whether the cap is free).
        await api.AddCommentAsync(Org, TaskId, null, "a new call", null, null, 1001, new ChangeLedger(), new CallContext().NewCounter());
        Assert.Equal(2, Posts(h));
    }

    [Fact]
    public async Task A_429_that_asks_for_up_to_MaxWait_is_waited_for_even_with_no_code_no_body_and_no_remaining_header()
    {
        var h = new ScriptedHandler()
            .Respond(429, "", configure: r => r.Headers.Add("Retry-After", "1"))
            .Respond(201, "{\"data\":{\"id\":900000002,\"content\":\"hello\",\"author_id\":1001,\"created_at\":\"" + Now() + "\"}}");
        var api = new TallyfyOperations(new TallyfyApi(Scripted.Client(h, o => o.MaxWait = TimeSpan.FromSeconds(1))));
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var call = new CallContext(trace: lines.Enqueue);
        CommentOutcome outcome = await api.AddCommentAsync(Org, TaskId, null, "hello", null, null, 1001, new ChangeLedger(), call.NewCounter());
        Assert.Equal(ChangeStatus.Done, outcome.Status);
        Assert.Equal(2, Posts(h));
        Assert.Contains(lines, l => l.Contains("waiting") && l.Contains("429")); // never silently
    }

    [Fact]
    public async Task A_short_429_on_a_comment_is_waited_for_like_any_other()
    {
        var h = new ScriptedHandler()
            .Respond(429, "{\"message\":\"slow down\"}", configure: r => r.Headers.Add("Retry-After", "0"))
            .Respond(201, "{\"data\":{\"id\":900000001,\"content\":\"hello\",\"author_id\":1001,\"created_at\":\"" + Now() + "\"}}");
        var api = new TallyfyOperations(new TallyfyApi(Scripted.Client(h)));
        CommentOutcome outcome = await api.AddCommentAsync(Org, TaskId, null, "hello", null, null, 1001, new ChangeLedger(), new CallContext().NewCounter());
        Assert.Equal(ChangeStatus.Done, outcome.Status);
        Assert.Equal("900000001", outcome.Record!.Id);
    }
}
