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

/// <summary>Redirects: same origin and reads only, never the token to another host, loops stop.</summary>
public sealed class RedirectTests : ScriptedClientTest
{
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
        Assert.Equal(2, Attempts); // the redirect and the request it points to: both reached the service
    }

    [Fact]
    public async Task Same_host_redirect_is_not_followed_for_delete()
    {
        var h = new ScriptedHandler().Respond(307, null, configure: r => r.Headers.Location = new Uri("https://go.tallyfy.example/api/other"));
        h.Fallback = _ => ScriptedHandler.Make(HttpStatusCode.OK, Ok);
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Send(c, new ApiRequest(HttpMethod.Delete, Scripted.RunPath())));
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
}
