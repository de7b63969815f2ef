using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using TallyfyPS.Sandbox.Proxy;
using TallyfyPS.Tests.Support;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>The test forward proxy (tallyfy-sandbox --proxy) in front of a sandbox: forwarding, its own names, 407, CONNECT, its log.</summary>
public sealed class ForwardProxyTests : OwnSandboxTest
{
    private static HttpClient Through(ForwardProxy proxy, ICredentials? credentials = null) =>
        new HttpClient(new HttpClientHandler { Proxy = new WebProxy(proxy.Address) { BypassProxyOnLocal = false, Credentials = credentials }, UseProxy = true });

    private static ForwardProxyOptions Mapped()
    {
        var options = new ForwardProxyOptions();
        options.Map["127.0.0.2"] = "127.0.0.1";
        return options;
    }

    private Uri Hidden(string path) => new Uri($"http://127.0.0.2:{Server.BaseAddress.Port}/{path}");

    [Fact]
    public async Task ForwardsAbsoluteFormRequests_ToNamesOnlyItResolves_AndLogsThem()
    {
        await using ForwardProxy proxy = ForwardProxy.Start(Mapped());
        using HttpClient client = Through(proxy);
        using var request = new HttpRequestMessage(HttpMethod.Get, Hidden("api/me"));
        request.Headers.Add("X-Tallyfy-Client", "APIClient");
        request.Headers.Add("Authorization", "Bearer tly-sandbox-admin-token");
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ForwardProxyLogEntry entry = Assert.Single(proxy.Log);
        Assert.Equal(("GET", Hidden("api/me").AbsoluteUri, 200), (entry.Method, entry.Target, entry.Status));
        Assert.Contains(await Log.SinceAsync(0), e => e.Path == "/api/me" && e.Status == 200);
    }

    [Fact]
    public async Task WithAUser_Answers407WithoutCredentials_AndForwardsWithThem()
    {
        ForwardProxyOptions options = Mapped();
        options.User = "tester";
        options.Password = "pw";
        await using ForwardProxy proxy = ForwardProxy.Start(options);
        using (HttpClient anonymous = Through(proxy))
        {
            using HttpResponseMessage refused = await anonymous.GetAsync(Hidden("api/me"));
            Assert.Equal(HttpStatusCode.ProxyAuthenticationRequired, refused.StatusCode);
            Assert.Contains("Basic", refused.Headers.ProxyAuthenticate.ToString());
        }

        Assert.Equal(407, Assert.Single(proxy.Log).Status);
        Assert.Empty(await Log.SinceAsync(0));
        using HttpClient signedIn = Through(proxy, new NetworkCredential("tester", "pw"));
        using HttpResponseMessage answered = await signedIn.GetAsync(Hidden("api/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, answered.StatusCode); // the sandbox's answer: no token, but it got there
        Assert.Contains(proxy.Log, e => e.Status == 200 && e.HadCredentials);
    }

    [Fact]
    public async Task Connect_TunnelsToTheMappedName()
    {
        ForwardProxyOptions options = new ForwardProxyOptions();
        options.Map["sandbox.test"] = "127.0.0.1";
        await using ForwardProxy proxy = ForwardProxy.Start(options);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(proxy.Address.Host, proxy.Address.Port);
        NetworkStream stream = tcp.GetStream();
        int port = Server.BaseAddress.Port;
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT sandbox.test:{port} HTTP/1.1\r\nHost: sandbox.test:{port}\r\n\r\n"));
        var reader = new StreamReader(stream, Encoding.ASCII);
        Assert.Equal("HTTP/1.1 200 Connection established", await reader.ReadLineAsync());
        Assert.Equal(string.Empty, await reader.ReadLineAsync());
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /api/me HTTP/1.1\r\nHost: sandbox.test:{port}\r\nX-Tallyfy-Client: APIClient\r\nConnection: close\r\n\r\n"));
        string? status = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 401", status);
        ForwardProxyLogEntry entry = Assert.Single(proxy.Log);
        Assert.Equal(("CONNECT", $"sandbox.test:{port}", 200), (entry.Method, entry.Target, entry.Status));
    }

    [Fact]
    public void ParsesItsCommandLine()
    {
        ForwardProxyOptions? options = ForwardProxyOptions.Parse(
            new[] { "--proxy", "--port", "0", "--user", "u", "--password", "p", "--map", "a.test=127.0.0.1", "--log", "x.log", "--address-file", "addr", "--parent-pid", "42" },
            out string? addressFile, out int? parentPid, out string? error);
        Assert.NotNull(options);
        Assert.Null(error);
        Assert.Equal(("u", "p", "127.0.0.1", "x.log", "addr", 42), (options!.User, options.Password, options.Map["a.test"], options.LogFile, addressFile, parentPid));
        Assert.Null(ForwardProxyOptions.Parse(new[] { "--proxy", "--bogus", "1" }, out _, out _, out string? bad));
        Assert.Contains("--bogus", bad);
    }
}
