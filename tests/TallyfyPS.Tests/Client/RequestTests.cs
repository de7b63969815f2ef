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

/// <summary>What the client sends: headers, bodies, escaped paths and queries.</summary>
public sealed class RequestTests : ScriptedClientTest
{
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
        using var r = await Send(c, new ApiRequest(HttpMethod.Post, "organizations/x/tasks") { JsonBody = new { title = "t" } });
        Assert.StartsWith("application/json", Assert.Single(h.Requests).Headers["Content-Type"]);
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
}
