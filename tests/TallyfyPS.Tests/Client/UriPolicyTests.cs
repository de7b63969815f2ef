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

/// <summary>Where the client may send a token: https, or plain http to loopback only.</summary>
public sealed class UriPolicyTests : ScriptedClientTest
{
    [Theory]
    [InlineData("http://go.tallyfy.com/api")]
    [InlineData("http://10.0.0.1/api")]
    [InlineData("http://localhost.evil.example/api")]
    [InlineData("http://127.0.0.1.nip.io/api")]
    [InlineData("http://[::2]/api")]
    [InlineData("ftp://127.0.0.1/api")]
    public void Plain_http_to_a_remote_host_is_refused(string uri)
    {
        Assert.Throws<InsecureBaseUriException>(() => UriPolicy.RefuseInsecure(new Uri(uri)));
        Assert.Throws<InsecureBaseUriException>(() => Scripted.Client(new ScriptedHandler(), baseUri: uri));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/api")]
    [InlineData("http://[::1]:5000/api")]
    [InlineData("http://localhost:5000/api")]
    [InlineData("http://LOCALHOST/api")]
    [InlineData("https://go.tallyfy.com/api")]
    public void Plain_http_to_loopback_and_https_are_allowed(string uri)
    {
        UriPolicy.RefuseInsecure(new Uri(uri));
        using var c = Scripted.Client(new ScriptedHandler(), baseUri: uri);
        Assert.EndsWith("/", c.Options.BaseUri.AbsoluteUri);
    }
}
