using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>Retries: Retry-After, 5xx, lost connections and timeouts, bounded by MaxRetries.</summary>
public sealed class RetryTests : ScriptedClientTest
{
    [Fact]
    public async Task Retry_after_seconds_is_honoured()
    {
        var h = new ScriptedHandler()
            .Respond(429, "{\"message\":\"slow down\",\"code\":\"RATE_LIMIT_EXCEEDED\"}", configure: r => r.Headers.Add("Retry-After", "1"))
            .Respond(200, Ok);
        var times = new List<long>();
        h.Fallback = null;
        using var c = Scripted.Client(h);
        var sw = Stopwatch.StartNew();
        using var resp = await Get(c);
        sw.Stop();
        Assert.Equal(200, resp.Status);
        Assert.Equal(2, h.Requests.Count);
        Assert.Equal(2, Attempts);
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(980), $"waited only {sw.Elapsed.TotalMilliseconds} ms for Retry-After: 1");
    }

    [Fact]
    public async Task Retry_after_http_date_is_honoured()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var serverNow = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        var h = new ScriptedHandler()
            .Respond(429, "{\"message\":\"slow\"}", configure: r =>
            {
                r.Headers.Date = serverNow;
                r.Headers.RetryAfter = new RetryConditionHeaderValue(serverNow.AddSeconds(1));
            })
            .Respond(200, Ok);
        using var c = Scripted.Client(h);
        var sw = Stopwatch.StartNew();
        using var resp = await Get(c);
        Assert.Equal(200, resp.Status);
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(980), $"waited only {sw.Elapsed.TotalMilliseconds} ms for a Retry-After date 1 s after Date");
    }

    [Fact]
    public void Retry_after_parsing_seconds_date_and_past_date()
    {
        var r = new HttpResponseMessage((HttpStatusCode)429);
        r.Headers.Add("Retry-After", "7");
        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.RetryAfterOf(r));

        var d = new HttpResponseMessage((HttpStatusCode)429);
        var date = new DateTimeOffset(2026, 5, 15, 14, 30, 0, TimeSpan.Zero);
        d.Headers.Date = date;
        d.Headers.RetryAfter = new RetryConditionHeaderValue(date.AddSeconds(42));
        Assert.Equal(TimeSpan.FromSeconds(42), RetryPolicy.RetryAfterOf(d));

        var past = new HttpResponseMessage((HttpStatusCode)429);
        past.Headers.Date = date;
        past.Headers.RetryAfter = new RetryConditionHeaderValue(date.AddSeconds(-42));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.RetryAfterOf(past));

        Assert.Null(RetryPolicy.RetryAfterOf(new HttpResponseMessage((HttpStatusCode)429)));
    }

    [Fact]
    public async Task Get_5xx_is_retried_up_to_MaxRetries_then_the_last_answer_is_returned()
    {
        var h = new ScriptedHandler()
            .Respond(500, "{\"message\":\"m1\"}")
            .Respond(502, "{\"message\":\"m2\"}")
            .Respond(503, "{\"message\":\"m3\"}")
            .Respond(503, "{\"message\":\"m4\"}");
        using var c = Scripted.Client(h, o => o.MaxRetries = 3);
        using var r = await Get(c);
        Assert.Equal(4, h.Requests.Count);
        Assert.Equal(503, r.Status);
        Assert.Equal(4, Attempts);
        var ex = Assert.Throws<TallyfyApiException>(() => r.EnsureSuccess());
        Assert.Equal(TallyfyErrorKind.ServerError, ex.Kind);
        Assert.Equal(4, Attempts);
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal("m4", ex.Message);
    }

    [Fact]
    public async Task Get_5xx_then_success_returns_success()
    {
        var h = new ScriptedHandler().Respond(503, null).Respond(500, "<html>oops</html>", "text/html").Respond(200, Ok);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        Assert.Equal(200, r.Status);
        Assert.Equal(3, Attempts);
        Assert.Equal(3, h.Requests.Count);
    }

    [Fact]
    public async Task MaxRetries_zero_sends_once()
    {
        var h = new ScriptedHandler().Respond(503, null).Respond(200, Ok);
        using var c = Scripted.Client(h, o => o.MaxRetries = 0);
        using var r = await Get(c);
        Assert.Equal(503, r.Status);
        Assert.Single(h.Requests);
    }

    [Fact]
    public async Task Final_4xx_is_not_retried()
    {
        var h = new ScriptedHandler().Respond(404, "{\"error\":true,\"message\":\"Resource not found\",\"code\":\"RESOURCE_NOT_FOUND\"}");
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        Assert.Single(h.Requests);
        var ex = r.ToException();
        Assert.Equal(TallyfyErrorKind.NotFound, ex.Kind);
        Assert.Equal("RESOURCE_NOT_FOUND", ex.ErrorCode);
        Assert.Equal("Resource not found", ex.Message);
    }

    [Fact]
    public async Task Validation_errors_are_in_the_message_and_request_id_is_kept()
    {
        var h = new ScriptedHandler().Respond(422, "{\"message\":\"The given data was invalid.\",\"errors\":{\"name\":[\"The name is required.\"]}}",
            configure: r => r.Headers.Add("X-Request-Id", "req-77"));
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        var ex = r.ToException();
        Assert.Equal(TallyfyErrorKind.Invalid, ex.Kind);
        Assert.Contains("name: The name is required.", ex.Message);
        Assert.Equal("req-77", ex.RequestId);
    }

    [Fact]
    public async Task Get_transport_errors_are_retried()
    {
        var h = new ScriptedHandler()
            .Throw(new HttpRequestException("connection reset"))
            .Throw(new IOException("broken pipe"))
            .Respond(200, Ok);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        Assert.Equal(200, r.Status);
        Assert.Equal(3, Attempts);
        Assert.Equal(3, h.Requests.Count);
    }

    [Fact]
    public async Task Get_transport_errors_after_every_retry_throw_Transport_with_attempts()
    {
        var h = new ScriptedHandler();
        for (int i = 0; i < 4; i++)
        {
            h.Throw(new HttpRequestException("connection refused #" + i));
        }

        using var c = Scripted.Client(h, o => o.MaxRetries = 3);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.Transport, ex.Kind);
        Assert.Equal(4, Attempts);
        Assert.Equal(4, h.Requests.Count);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_fails_at_once_naming_the_host()
    {
        var h = new ScriptedHandler();
        for (int i = 0; i < 4; i++)
        {
            h.Throw(new HttpRequestException("Name or service not known", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound)));
        }

        using var c = Scripted.Client(h, o => o.MaxRetries = 3);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.Transport, ex.Kind);
        Assert.Equal(1, Attempts);
        Assert.Single(h.Requests);
        Assert.Contains("'" + h.Requests[0].Uri.Host + "' does not resolve", ex.Message);
        Assert.Contains("not retried", ex.Message);
    }

    [Fact]
    public void The_action_of_a_request_names_its_method_and_route_without_ids()
    {
        var request = new ApiRequest(HttpMethod.Delete, "organizations/" + Scripted.Org + "/runs/" + Scripted.RunId + "/delete");
        Assert.Equal("DELETE organizations/{id}/runs/{id}/delete", TallyfyClient.ActionOf(request));
        Assert.Equal("GET organizations/{id}/tasks/{id}", TallyfyClient.ActionOf(new ApiRequest(HttpMethod.Get, "organizations/" + Scripted.Org + "/tasks/1234")));
        Assert.Equal("PUT organizations/{id}/runs/{id}/activate", TallyfyClient.ActionOf(new ApiRequest(HttpMethod.Put, "/organizations/" + Scripted.Org + "/runs/" + Scripted.RunId + "/activate")));
    }

    [Fact]
    public async Task Request_timeout_is_a_transport_error_and_is_retried_for_get()
    {
        var h = new ScriptedHandler()
            .Then(async (req, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                throw new InvalidOperationException("unreachable");
            })
            .Respond(200, Ok);
        using var c = Scripted.Client(h, o => o.RequestTimeout = TimeSpan.FromMilliseconds(200));
        using var r = await Get(c);
        Assert.Equal(200, r.Status);
        Assert.Equal(2, h.Requests.Count);
    }
}
