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
using Xunit;

namespace TallyfyPS.Tests.Client;

public sealed class ClientTests
{
    private const string Ok = "{\"data\":{\"id\":\"0123456789abcdef0123456789abcdef\",\"name\":\"x\"}}";

    private static async Task<ApiResponse> Get(TallyfyClient c, string? path = null, CancellationToken ct = default) =>
        await c.SendAsync(HttpMethod.Get, path ?? Scripted.RunPath(), cancellationToken: ct);

    [Fact]
    public async Task Sends_bearer_token_client_header_and_accept_json()
    {
        var h = new ScriptedHandler().Respond(200, Ok);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        Assert.Equal(200, r.Status);
        var req = Assert.Single(h.Requests);
        Assert.Equal("Bearer " + Scripted.Token, req.Headers["Authorization"]);
        Assert.Equal("APIClient", req.Headers["X-Tallyfy-Client"]);
        Assert.Contains("application/json", req.Headers["Accept"]);
        Assert.Equal($"https://go.tallyfy.example/api/organizations/{Scripted.Org}/runs/{Scripted.RunId}", req.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Json_body_is_sent_with_content_type()
    {
        var h = new ScriptedHandler().Respond(201, Ok);
        using var c = Scripted.Client(h);
        using var r = await c.SendAsync(HttpMethod.Post, "organizations/x/tasks", jsonBody: new { title = "t" });
        Assert.StartsWith("application/json", Assert.Single(h.Requests).Headers["Content-Type"]);
    }

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
        Assert.Equal(2, resp.Attempts);
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
        Assert.Equal(TimeSpan.FromSeconds(7), TallyfyClient.RetryAfterOf(r));

        var d = new HttpResponseMessage((HttpStatusCode)429);
        var date = new DateTimeOffset(2026, 5, 15, 14, 30, 0, TimeSpan.Zero);
        d.Headers.Date = date;
        d.Headers.RetryAfter = new RetryConditionHeaderValue(date.AddSeconds(42));
        Assert.Equal(TimeSpan.FromSeconds(42), TallyfyClient.RetryAfterOf(d));

        var past = new HttpResponseMessage((HttpStatusCode)429);
        past.Headers.Date = date;
        past.Headers.RetryAfter = new RetryConditionHeaderValue(date.AddSeconds(-42));
        Assert.Equal(TimeSpan.Zero, TallyfyClient.RetryAfterOf(past));

        Assert.Null(TallyfyClient.RetryAfterOf(new HttpResponseMessage((HttpStatusCode)429)));
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
        Assert.Equal(4, r.Attempts);
        var ex = Assert.Throws<TallyfyApiException>(() => r.EnsureSuccess());
        Assert.Equal(TallyfyErrorKind.ServerError, ex.Kind);
        Assert.Equal(4, ex.Attempts);
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
        Assert.Equal(3, r.Attempts);
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
        Assert.Equal(3, r.Attempts);
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
        Assert.Equal(4, ex.Attempts);
        Assert.Equal(4, h.Requests.Count);
        Assert.Null(ex.StatusCode);
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

    [Fact]
    public async Task Delete_with_lost_connection_is_verified_and_not_resent_when_applied()
    {
        var h = new ScriptedHandler().Throw(new HttpRequestException("connection reset by peer")).Respond(200, Ok);
        using var c = Scripted.Client(h);
        int verifications = 0;
        using var r = await c.SendAsync(HttpMethod.Delete, Scripted.RunPath(), verifyApplied: ct =>
        {
            verifications++;
            return Task.FromResult<bool?>(true);
        });
        Assert.Equal(1, verifications);
        Assert.Single(h.Requests);
        Assert.True(r.AppliedByVerification);
        Assert.True(r.IsSuccess);
        Assert.Equal(1, h.Remaining);
    }

    [Fact]
    public async Task Delete_with_lost_connection_is_resent_when_verification_says_not_applied()
    {
        var h = new ScriptedHandler().Throw(new HttpRequestException("connection reset by peer")).Respond(200, Ok);
        using var c = Scripted.Client(h);
        int verifications = 0;
        using var r = await c.SendAsync(HttpMethod.Delete, Scripted.RunPath(), verifyApplied: ct =>
        {
            verifications++;
            return Task.FromResult<bool?>(false);
        });
        Assert.Equal(1, verifications);
        Assert.Equal(2, h.Requests.Count);
        Assert.All(h.Requests, q => Assert.Equal(HttpMethod.Delete, q.Method));
        Assert.False(r.AppliedByVerification);
        Assert.Equal(200, r.Status);
    }

    [Fact]
    public async Task Delete_with_5xx_is_verified_and_not_resent_when_applied()
    {
        var h = new ScriptedHandler().Respond(502, "{\"message\":\"bad gateway\"}").Respond(200, Ok);
        using var c = Scripted.Client(h);
        int verifications = 0;
        using var r = await c.SendAsync(HttpMethod.Delete, Scripted.RunPath(), verifyApplied: ct =>
        {
            verifications++;
            return Task.FromResult<bool?>(true);
        });
        Assert.Equal(1, verifications);
        Assert.Single(h.Requests);
        Assert.True(r.AppliedByVerification);
    }

    [Fact]
    public async Task Delete_429_is_not_verified_but_retried()
    {
        var h = new ScriptedHandler().Respond(429, "{}", configure: r => r.Headers.Add("Retry-After", "0")).Respond(200, Ok);
        using var c = Scripted.Client(h);
        int verifications = 0;
        using var r = await c.SendAsync(HttpMethod.Delete, Scripted.RunPath(), verifyApplied: ct =>
        {
            verifications++;
            return Task.FromResult<bool?>(true);
        });
        Assert.Equal(0, verifications);
        Assert.Equal(2, h.Requests.Count);
        Assert.Equal(200, r.Status);
    }

    [Fact]
    public async Task Post_with_lost_connection_and_no_verifier_is_not_resent()
    {
        var h = new ScriptedHandler().Throw(new HttpRequestException("connection reset by peer")).Respond(201, Ok);
        using var c = Scripted.Client(h);
        await Assert.ThrowsAsync<TallyfyApiException>(() => c.SendAsync(HttpMethod.Post, "organizations/x/tasks", jsonBody: new { title = "t" }));
        Assert.Single(h.Requests);
    }

    [Fact]
    public async Task Unauthorized_with_client_credentials_renews_the_token_once()
    {
        var h = new ScriptedHandler()
            .Respond(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"oauth-token-one\"}")
            .Respond(401, "{\"error\":true,\"message\":\"Unauthenticated.\"}")
            .Respond(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"oauth-token-two\"}")
            .Respond(200, Ok);
        var lines = new ConcurrentQueue<string>();
        using var c = Scripted.Client(h, o => o.Trace = lines.Enqueue, token: new ClientCredentialsTokenProvider("4001", "client-secret-xyz", "test"));
        using var r = await Get(c);
        Assert.Equal(200, r.Status);
        var reqs = h.Requests;
        Assert.Equal(4, reqs.Count);
        Assert.Equal(HttpMethod.Post, reqs[0].Method);
        Assert.EndsWith("/api/oauth/token", reqs[0].Uri.AbsolutePath);
        Assert.False(reqs[0].Headers.ContainsKey("Authorization"));
        Assert.Equal("Bearer oauth-token-one", reqs[1].Headers["Authorization"]);
        Assert.Equal(HttpMethod.Post, reqs[2].Method);
        Assert.Equal("Bearer oauth-token-two", reqs[3].Headers["Authorization"]);
        Assert.DoesNotContain(lines, l => l.Contains("oauth-token") || l.Contains("client-secret-xyz"));
    }

    [Fact]
    public async Task Unauthorized_twice_renews_only_once_and_returns_401()
    {
        var h = new ScriptedHandler()
            .Respond(200, "{\"expires_in\":3600,\"access_token\":\"a1\"}")
            .Respond(401, "{\"error\":true,\"message\":\"Unauthenticated.\"}")
            .Respond(200, "{\"expires_in\":3600,\"access_token\":\"a2\"}")
            .Respond(401, "{\"error\":true,\"message\":\"Unauthenticated.\"}");
        using var c = Scripted.Client(h, token: new ClientCredentialsTokenProvider("4001", "s", "test"));
        using var r = await Get(c);
        Assert.Equal(401, r.Status);
        Assert.Equal(4, h.Requests.Count);
        Assert.Equal(TallyfyErrorKind.Unauthorized, r.ToException().Kind);
    }

    [Fact]
    public async Task Unauthorized_with_static_token_is_not_retried()
    {
        var h = new ScriptedHandler().Respond(401, "{\"error\":true,\"message\":\"Unauthenticated.\"}").Respond(200, Ok);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        Assert.Equal(401, r.Status);
        Assert.Single(h.Requests);
    }

    [Theory]
    [InlineData(302, "https://evil.example/api/organizations/x")]
    [InlineData(301, "https://go.tallyfy.example:8443/api/x")]
    [InlineData(307, "http://go.tallyfy.example/api/x")]
    public async Task Redirect_to_another_origin_is_refused_and_token_never_sent_there(int status, string location)
    {
        var h = new ScriptedHandler().Respond(status, null, configure: r => r.Headers.Location = new Uri(location));
        h.Fallback = _ => ScriptedHandler.Make(HttpStatusCode.OK, Ok);
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        var req = Assert.Single(h.Requests);
        Assert.Equal("go.tallyfy.example", req.Uri.Host);
        Assert.DoesNotContain(Scripted.Token, ex.Message);
    }

    [Fact]
    public async Task Same_host_redirect_is_followed_for_get()
    {
        var h = new ScriptedHandler()
            .Respond(301, null, configure: r => r.Headers.Location = new Uri("/api/organizations/moved", UriKind.Relative))
            .Respond(200, Ok);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        Assert.Equal(200, r.Status);
        Assert.Equal(2, h.Requests.Count);
        Assert.Equal("https://go.tallyfy.example/api/organizations/moved", h.Requests[1].Uri.AbsoluteUri);
        Assert.Equal("Bearer " + Scripted.Token, h.Requests[1].Headers["Authorization"]);
        Assert.Equal(1, r.Attempts);
    }

    [Fact]
    public async Task Same_host_redirect_is_not_followed_for_delete()
    {
        var h = new ScriptedHandler().Respond(307, null, configure: r => r.Headers.Location = new Uri("https://go.tallyfy.example/api/other"));
        h.Fallback = _ => ScriptedHandler.Make(HttpStatusCode.OK, Ok);
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => c.SendAsync(HttpMethod.Delete, Scripted.RunPath()));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Single(h.Requests);
    }

    [Fact]
    public async Task Redirect_loop_stops()
    {
        var h = new ScriptedHandler
        {
            Fallback = _ =>
            {
                var r = ScriptedHandler.Make(HttpStatusCode.Found, null);
                r.Headers.Location = new Uri("https://go.tallyfy.example/api/loop");
                return r;
            },
        };
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.InRange(h.Requests.Count, 2, 10);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    public async Task Html_body_is_an_invalid_response(int status)
    {
        var h = new ScriptedHandler().Respond(status, "<!DOCTYPE html><html><body>Login</body></html>", "text/html");
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains("HTML", ex.Message);
        Assert.Single(h.Requests);
    }

    [Theory]
    [InlineData("{\"data\":{\"id\":\"0123")]
    [InlineData("{\"data\":")]
    [InlineData("not json at all")]
    [InlineData("{'data':{}}")]
    [InlineData("{\"data\":{}} trailing")]
    [InlineData("\uFEFF\uFEFF{}")]
    public async Task Invalid_or_truncated_json_is_an_invalid_response(string body)
    {
        var h = new ScriptedHandler().Respond(200, body);
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Equal(200, ex.StatusCode);
    }

    [Fact]
    public async Task Deeply_nested_json_is_an_invalid_response()
    {
        string body = new string('[', 5000) + new string(']', 5000);
        var h = new ScriptedHandler().Respond(200, body);
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task Body_larger_than_MaxResponseBytes_with_content_length_is_refused()
    {
        string big = "{\"data\":{\"id\":\"0123456789abcdef0123456789abcdef\",\"name\":\"" + new string('x', 5000) + "\"}}";
        var h = new ScriptedHandler().Respond(200, big);
        using var c = Scripted.Client(h, o => o.MaxResponseBytes = 1024);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Single(h.Requests);
    }

    [Fact]
    public async Task Body_larger_than_MaxResponseBytes_without_content_length_is_refused()
    {
        byte[] big = Encoding.UTF8.GetBytes("{\"data\":{\"name\":\"" + new string('x', 300_000) + "\"}}");
        var h = new ScriptedHandler().Then((req, ct) =>
        {
            var content = new StreamContent(new UnknownLengthStream(big));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            Assert.Null(content.Headers.ContentLength);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        });
        using var c = Scripted.Client(h, o => o.MaxResponseBytes = 100_000);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task Body_just_under_MaxResponseBytes_is_accepted()
    {
        var h = new ScriptedHandler().Respond(200, Ok);
        using var c = Scripted.Client(h, o => o.MaxResponseBytes = Encoding.UTF8.GetByteCount(Ok));
        using var r = await Get(c);
        Assert.Equal("x", r.Data().GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \r\n")]
    public async Task Empty_200_gives_no_body_and_Data_throws_invalid_response(string? body)
    {
        var h = new ScriptedHandler().Respond(200, body);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        Assert.True(r.IsSuccess);
        Assert.Null(r.Body);
        var ex = Assert.Throws<TallyfyApiException>(() => r.Data());
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
    }

    [Theory]
    [InlineData("{\"data\":null}", "null")]
    [InlineData("{}", "no 'data'")]
    [InlineData("{\"meta\":{}}", "no 'data'")]
    [InlineData("{\"data\":[]}", "not an object")]
    [InlineData("{\"data\":\"x\"}", "not an object")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("42", "not a JSON object")]
    public async Task Data_null_missing_or_wrong_is_an_invalid_response(string body, string said)
    {
        var h = new ScriptedHandler().Respond(200, body);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        var ex = Assert.Throws<TallyfyApiException>(() => r.Data());
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains(said, ex.Message);
    }

    [Theory]
    [InlineData("\"id\":12345", "id")]
    [InlineData("\"id\":\"\"", "id")]
    [InlineData("\"id\":null", "id")]
    [InlineData("\"archived_at\":12345", "archived_at")]
    [InlineData("\"archived_at\":\"yesterday-ish\"", "archived_at")]
    [InlineData("\"name\":{\"first\":\"x\"}", "name")]
    [InlineData("\"name\":[1]", "name")]
    [InlineData("\"owner_id\":\"abc\"", "owner_id")]
    [InlineData("\"starred\":\"maybe\"", "starred")]
    [InlineData("\"tasks\":{\"data\":[1]}", "tasks[]")]
    [InlineData("\"tags\":\"x\"", "tags")]
    [InlineData("\"progress\":{\"complete\":\"x\"}", "complete")]
    [InlineData("\"late_tasks\":99999999999", "late_tasks")]
    public async Task Wrong_types_are_invalid_responses_naming_the_field(string field, string name)
    {
        string body = "{\"data\":{\"id\":\"0123456789abcdef0123456789abcdef\",\"name\":\"n\"," + field + "}}";
        var h = new ScriptedHandler().Respond(200, body);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        var ex = Assert.Throws<TallyfyApiException>(() => Mapper.Run(r.Data(), Scripted.Org));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains("'" + name + "'", ex.Message);
    }

    [Fact]
    public async Task A_real_run_maps()
    {
        var h = new ScriptedHandler().Respond(200, Scripted.RunJson);
        using var c = Scripted.Client(h);
        using var r = await Get(c);
        var run = Mapper.Run(r.Data(), Scripted.Org);
        Assert.Equal(Scripted.RunId, run.Id);
        Assert.Equal("Quarterly audit", run.Name);
        Assert.Null(run.ArchivedAt);
        Assert.Equal(75, run.Progress!.Percent);
        Assert.Single(run.Tasks);
        Assert.Single(run.Comments);
        Assert.Single(run.FormFields);
        Assert.Equal(new DateTimeOffset(2026, 5, 15, 14, 30, 0, TimeSpan.Zero), run.CreatedAt);
    }

    [Theory]
    [InlineData("http://go.tallyfy.com/api")]
    [InlineData("http://10.0.0.1/api")]
    [InlineData("http://localhost.evil.example/api")]
    [InlineData("http://127.0.0.1.nip.io/api")]
    [InlineData("http://[::2]/api")]
    [InlineData("ftp://127.0.0.1/api")]
    public void Plain_http_to_a_remote_host_is_refused(string uri)
    {
        Assert.Throws<ArgumentException>(() => TallyfyClient.RefuseInsecure(new Uri(uri)));
        Assert.Throws<ArgumentException>(() => Scripted.Client(new ScriptedHandler(), baseUri: uri));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/api")]
    [InlineData("http://[::1]:5000/api")]
    [InlineData("http://localhost:5000/api")]
    [InlineData("http://LOCALHOST/api")]
    [InlineData("https://go.tallyfy.com/api")]
    public void Plain_http_to_loopback_and_https_are_allowed(string uri)
    {
        TallyfyClient.RefuseInsecure(new Uri(uri));
        using var c = Scripted.Client(new ScriptedHandler(), baseUri: uri);
        Assert.EndsWith("/", c.Options.BaseUri.AbsoluteUri);
    }

    [Fact]
    public async Task Cancellation_stops_a_pending_retry_after_wait_promptly()
    {
        var h = new ScriptedHandler().Respond(429, "{}", configure: r => r.Headers.Add("Retry-After", "120"));
        h.Fallback = _ => ScriptedHandler.Make(HttpStatusCode.OK, Ok);
        using var c = Scripted.Client(h);
        using var cts = new CancellationTokenSource();
        Task<ApiResponse> pending = Get(c, ct: cts.Token);
        while (h.Requests.Count == 0)
        {
            await Task.Delay(10);
        }

        await Task.Delay(100);
        Assert.False(pending.IsCompleted);
        cts.Cancel();
        // The wait asked for is 120 s; a cancellable wait ends far sooner.
        Task finished = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(pending, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Single(h.Requests);
    }

    [Fact]
    public async Task Already_cancelled_token_sends_nothing()
    {
        var h = new ScriptedHandler().Respond(200, Ok);
        using var c = Scripted.Client(h);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Get(c, ct: new CancellationToken(true)));
        Assert.Empty(h.Requests);
    }

    [Fact]
    public async Task Trace_never_contains_the_token()
    {
        var lines = new ConcurrentQueue<string>();
        var h = new ScriptedHandler()
            .Respond(200, Ok)
            .Respond(503, null)
            .Throw(new HttpRequestException("reset " + "(no token here)"))
            .Respond(200, Ok)
            .Respond(302, null, configure: r => r.Headers.Location = new Uri("https://evil.example/x"))
            .Respond(404, "{\"message\":\"nope\"}")
            .Respond(200, "<html></html>", "text/html");
        using var c = Scripted.Client(h, o => o.Trace = lines.Enqueue);
        using (await Get(c))
        {
        }

        using (await Get(c))
        {
        }

        var redirect = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        using (await Get(c))
        {
        }

        var html = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.True(lines.Count >= 6, string.Join("\n", lines));
        Assert.DoesNotContain(lines, l => l.Contains(Scripted.Token) || l.Contains("Bearer"));
        Assert.DoesNotContain(Scripted.Token, redirect.ToString());
        Assert.DoesNotContain(Scripted.Token, html.ToString());
        Assert.DoesNotContain(Scripted.Token, c.Options.Token.ToString());
    }

    [Fact]
    public void Query_values_and_path_segments_are_escaped()
    {
        using var c = Scripted.Client(new ScriptedHandler());
        Uri u = c.BuildUri("organizations/" + TallyfyClient.Segment("a/../b?c#d") + "/runs",
            new[] { new KeyValuePair<string, string>("q", "a&b=c d#"), new KeyValuePair<string, string>("status", "active") });
        Assert.Equal("/api/organizations/a%2F..%2Fb%3Fc%23d/runs", u.AbsolutePath);
        Assert.Equal("?q=a%26b%3Dc%20d%23&status=active", u.Query);
    }

    [Fact]
    public async Task Page_links_variants_and_counts()
    {
        var h = new ScriptedHandler()
            .Respond(200, "{\"data\":[" + Item(1) + "],\"meta\":{\"pagination\":{\"total\":3,\"count\":1,\"per_page\":1,\"current_page\":1,\"total_pages\":3,\"links\":{\"next\":\"x\"}}}}")
            .Respond(200, "{\"data\":[" + Item(3) + "],\"meta\":{\"pagination\":{\"total\":3,\"per_page\":1,\"current_page\":3,\"total_pages\":3,\"links\":[]}}}")
            .Respond(200, "{\"data\":[" + Item(3) + "],\"meta\":{\"pagination\":{\"total\":3,\"per_page\":1,\"current_page\":2,\"links\":{}}}}")
            .Respond(200, "{\"data\":{}}")
            .Respond(200, "{\"data\":[1]}");
        using var c = Scripted.Client(h);
        var p1 = await c.GetPageAsync("runs", Array.Empty<KeyValuePair<string, string>>(), 1, 1, e => TallyfyPS.Client.Json.RequiredId(e, "id"), CancellationToken.None);
        Assert.True(p1.HasMore);
        Assert.Contains("page=1", h.Requests[0].Uri.Query);
        Assert.Contains("per_page=1", h.Requests[0].Uri.Query);
        var p3 = await c.GetPageAsync("runs", Array.Empty<KeyValuePair<string, string>>(), 3, 1, e => TallyfyPS.Client.Json.RequiredId(e, "id"), CancellationToken.None);
        Assert.False(p3.HasMore);
        var p2 = await c.GetPageAsync("runs", Array.Empty<KeyValuePair<string, string>>(), 2, 1, e => TallyfyPS.Client.Json.RequiredId(e, "id"), CancellationToken.None);
        Assert.False(p2.HasMore);
        var bad1 = await Assert.ThrowsAsync<TallyfyApiException>(() => c.GetPageAsync("runs", Array.Empty<KeyValuePair<string, string>>(), 1, 1, e => TallyfyPS.Client.Json.RequiredId(e, "id"), CancellationToken.None));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, bad1.Kind);
        var bad2 = await Assert.ThrowsAsync<TallyfyApiException>(() => c.GetPageAsync("runs", Array.Empty<KeyValuePair<string, string>>(), 1, 1, e => TallyfyPS.Client.Json.RequiredId(e, "id"), CancellationToken.None));
        Assert.Equal(TallyfyErrorKind.InvalidResponse, bad2.Kind);

        static string Item(int i) => "{\"id\":\"" + i.ToString("x32") + "\"}";
    }

    /// <summary>A readable stream that does not report its length (a chunked answer).</summary>
    private sealed class UnknownLengthStream : Stream
    {
        private readonly MemoryStream _inner;

        public UnknownLengthStream(byte[] data) => _inner = new MemoryStream(data);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 4096));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
