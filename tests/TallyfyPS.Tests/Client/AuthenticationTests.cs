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

/// <summary>401 answers: an OAuth token is renewed once, a static token is not retried.</summary>
public sealed class AuthenticationTests : ScriptedClientTest
{
    [Fact]
    public async Task Unauthorized_with_client_credentials_renews_the_token_once()
    {
        var h = new ScriptedHandler()
            .Respond(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"oauth-token-one\"}")
            .Respond(401, "{\"error\":true,\"message\":\"Unauthenticated.\"}")
            .Respond(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"oauth-token-two\"}")
            .Respond(200, Ok);
        var lines = new ConcurrentQueue<string>();
        using var c = Scripted.Client(h, token: new ClientCredentialsTokenProvider("4001", "client-secret-xyz", "test"));
        using var r = await Get(c, trace: lines.Enqueue);
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
}
