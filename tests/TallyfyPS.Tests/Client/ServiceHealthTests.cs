using System;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>The circuit breaker of one command call, on a clock the test moves.</summary>
public sealed class ServiceHealthTests
{
    private TimeSpan _now;

    private ServiceHealth NewHealth() => new ServiceHealth(TimeSpan.FromSeconds(10), () => _now);

    [Fact]
    public void A_burst_of_unanswered_requests_that_ends_within_the_patience_does_not_open_it()
    {
        ServiceHealth health = NewHealth();
        for (int i = 0; i < 40; i++)
        {
            health.Unanswered("connection refused");
            _now += TimeSpan.FromMilliseconds(200);
        }

        Assert.False(health.IsOpen);
        health.Answered();
        _now += TimeSpan.FromSeconds(20);
        health.Unanswered("connection refused");
        Assert.False(health.IsOpen); // the streak started again with the answer
    }

    [Fact]
    public void Requests_unanswered_for_the_whole_patience_open_it_and_end_every_wait()
    {
        ServiceHealth health = NewHealth();
        for (int i = 0; i < 4; i++)
        {
            health.Unanswered("connection refused");
            _now += TimeSpan.FromSeconds(4);
        }

        Assert.False(health.IsOpen);
        health.Unanswered("connection refused");
        Assert.True(health.IsOpen);
        Assert.Equal(NotSentReason.ServiceUnavailable, health.OpenReason);
        Assert.Contains("has not answered 5 requests in a row over 16 s", health.OpenMessage);
        Assert.True(health.Tripped.IsCancellationRequested);
        var ex = Assert.Throws<TallyfyApiException>(() => health.EnsureAvailable());
        Assert.Equal(TallyfyErrorKind.NotSent, ex.Kind);
        Assert.Equal(NotSentReason.ServiceUnavailable, ex.NotSentReason);
    }

    [Fact]
    public void Unanswered_requests_for_a_second_bring_one_warning()
    {
        ServiceHealth health = NewHealth();
        Assert.Null(health.Unanswered("connection refused"));
        Assert.Null(health.Unanswered("connection refused"));
        Assert.Null(health.Unanswered("connection refused")); // three in a row, but at once: a blip so far
        _now += TimeSpan.FromSeconds(1);
        string? warning = health.Unanswered("connection refused");
        Assert.NotNull(warning);
        Assert.Contains("not answering (connection refused); retrying", warning);
        Assert.Null(health.Unanswered("connection refused"));
    }

    [Fact]
    public void Items_giving_up_unanswered_in_a_row_open_it_however_short_the_time()
    {
        ServiceHealth health = NewHealth();
        for (int i = 0; i < ServiceHealth.GaveUpStreak - 1; i++)
        {
            health.Unanswered("connection refused");
            health.GaveUp();
        }

        Assert.False(health.IsOpen);
        health.GaveUp();
        Assert.True(health.IsOpen);
        Assert.Contains("did not answer 5 items in a row", health.OpenMessage);
    }

    [Fact]
    public void The_same_action_refused_three_times_in_a_row_opens_it_for_Forbidden()
    {
        const string Archive = "DELETE organizations/{id}/runs/{id}";
        ServiceHealth health = NewHealth();
        health.Forbidden(Archive, "HTTP 403 Forbidden");
        health.Forbidden(Archive, "HTTP 403 Forbidden");
        health.Answered("GET organizations/{id}/runs/{id}"); // another action's answer does not break the row
        health.Forbidden("PUT organizations/{id}/runs/{id}/activate", "HTTP 403 Forbidden"); // another action counts for itself
        Assert.False(health.IsOpen);
        health.Forbidden(Archive, "HTTP 403 Forbidden");
        Assert.True(health.IsOpen);
        Assert.Equal(NotSentReason.Forbidden, health.OpenReason);
        Assert.Contains("refused " + Archive + " for lack of permission 3 times in a row", health.OpenMessage);
        TallyfyApiException error = Assert.Throws<TallyfyApiException>(() => health.EnsureAvailable());
        Assert.Equal(NotSentReason.Forbidden, error.NotSentReason);
    }

    [Fact]
    public void Another_answer_for_the_refused_action_starts_its_count_again()
    {
        const string Archive = "DELETE organizations/{id}/runs/{id}";
        ServiceHealth health = NewHealth();
        health.Forbidden(Archive, "HTTP 403 Forbidden");
        health.Forbidden(Archive, "HTTP 403 Forbidden");
        health.Answered(Archive); // a 404 or a success for the same action
        health.Forbidden(Archive, "HTTP 403 Forbidden");
        health.Forbidden(Archive, "HTTP 403 Forbidden");
        Assert.False(health.IsOpen);
    }

    [Fact]
    public void Credentials_refused_three_times_in_a_row_open_it_for_Unauthorized()
    {
        ServiceHealth health = NewHealth();
        health.Unauthorized("HTTP 401");
        health.Unauthorized("HTTP 401");
        health.Answered();
        health.Unauthorized("HTTP 401");
        health.Unauthorized("HTTP 401");
        Assert.False(health.IsOpen);
        health.Unauthorized("HTTP 401");
        Assert.True(health.IsOpen);
        Assert.Equal(NotSentReason.Unauthorized, health.OpenReason);
    }

    [Fact]
    public async Task An_open_circuit_sends_nothing_and_says_why()
    {
        var h = new ScriptedHandler().Respond(200, "{\"data\":{}}");
        using var c = Scripted.Client(h);
        ServiceHealth health = NewHealth();
        for (int i = 0; i < 5; i++)
        {
            health.Unanswered("connection refused");
            _now += TimeSpan.FromSeconds(3);
        }

        using var context = new CallContext(health: health);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => c.SendAsync(new ApiRequest(HttpMethod.Get, Scripted.RunPath()), context.NewCounter()));
        Assert.Equal(TallyfyErrorKind.NotSent, ex.Kind);
        Assert.Empty(h.Requests);
    }

    [Fact]
    public async Task A_stopped_call_sends_nothing_new_but_says_it_stopped()
    {
        var h = new ScriptedHandler().Respond(200, "{\"data\":{}}");
        using var c = Scripted.Client(h);
        using var stop = new System.Threading.CancellationTokenSource();
        stop.Cancel();
        using var context = new CallContext(stop: stop.Token);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => c.SendAsync(new ApiRequest(HttpMethod.Get, Scripted.RunPath()), context.NewCounter()));
        Assert.Equal(NotSentReason.Stopped, ex.NotSentReason);
        Assert.Empty(h.Requests);
    }
    [Fact]
    public void One_items_path_answering_502_is_that_items_trouble_not_an_outage()
    {
        // One run's path answers 502 while the service answers everything else: its retries settle it, nothing opens,
        // and the warning says what happened instead of "Tallyfy is not answering".
        ServiceHealth health = NewHealth();
        var item = new object();
        string? warning = null;
        for (int i = 0; i < 8; i++)
        {
            warning ??= health.Unanswered("HTTP 502 Bad Gateway", item, answered: true);
            _now += TimeSpan.FromSeconds(4);
        }

        Assert.False(health.IsOpen);
        Assert.NotNull(warning);
        Assert.DoesNotContain("not answering", warning);
        Assert.Contains("all for one item", warning);
        Assert.Contains("requests in a row", warning);
    }

    [Fact]
    public void Gateways_answering_502_for_two_items_still_open_it()
    {
        ServiceHealth health = NewHealth();
        object first = new object(), second = new object();
        for (int i = 0; i < 6; i++)
        {
            health.Unanswered("HTTP 502 Bad Gateway", i % 2 == 0 ? first : second, answered: true);
            _now += TimeSpan.FromSeconds(4);
        }

        Assert.True(health.IsOpen);
    }

    [Fact]
    public void An_item_that_had_sent_requests_is_not_told_this_request_was_not_sent()
    {
        ServiceHealth health = NewHealth();
        for (int i = 0; i < 5; i++)
        {
            health.Unanswered("connection refused");
            _now += TimeSpan.FromSeconds(3);
        }

        Assert.True(health.IsOpen);
        var fresh = Assert.Throws<TallyfyApiException>(() => health.EnsureAvailable());
        Assert.Contains("this request was not sent", fresh.Message);
        var tried = Assert.Throws<TallyfyApiException>(() => health.EnsureAvailable(" (the last try had failed: HTTP 502)", sent: 5));
        Assert.DoesNotContain("this request was not sent", tried.Message);
        Assert.Contains("no further request was sent for this item after 5 attempts", tried.Message);
        var once = Assert.Throws<TallyfyApiException>(() => health.EnsureAvailable(string.Empty, sent: 1));
        Assert.Contains("after 1 attempt.", once.Message);
    }
}
