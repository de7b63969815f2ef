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

/// <summary>Ctrl+C and traces: a cancelled call sends nothing more, and no trace line holds the token.</summary>
public sealed class CancellationTests : ScriptedClientTest
{
    [Fact]
    public async Task Cancellation_stops_a_pending_retry_after_wait_promptly()
    {
        var h = new ScriptedHandler().Respond(429, "{}", configure: r => r.Headers.Add("Retry-After", "120"));
        h.Fallback = _ => ScriptedHandler.Make(HttpStatusCode.OK, Ok);
        using var c = Scripted.Client(h, o => o.MaxWait = TimeSpan.FromMinutes(5)); // -MaxWaitSec 300: the 120 s wait is made
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
        using var c = Scripted.Client(h);
        using (await Get(c, trace: lines.Enqueue))
        {
        }

        using (await Get(c, trace: lines.Enqueue))
        {
        }

        var redirect = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c, trace: lines.Enqueue));
        using (await Get(c, trace: lines.Enqueue))
        {
        }

        var html = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c, trace: lines.Enqueue));
        Assert.True(lines.Count >= 6, string.Join("\n", lines));
        Assert.DoesNotContain(lines, l => l.Contains(Scripted.Token) || l.Contains("Bearer"));
        Assert.DoesNotContain(Scripted.Token, redirect.ToString());
        Assert.DoesNotContain(Scripted.Token, html.ToString());
        Assert.DoesNotContain(Scripted.Token, c.Options.Token.ToString());
    }
}
