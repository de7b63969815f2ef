using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>A proxy that wants credentials (407): one request, never retried, ProxyAuthenticationRequired naming the proxy.</summary>
public sealed class ProxyTests : ScriptedClientTest
{
    [Fact]
    public async Task A_407_answer_is_ProxyAuthenticationRequired_after_one_request()
    {
        var h = new ScriptedHandler().Respond(407, string.Empty, configure: r => r.Headers.ProxyAuthenticate.ParseAdd("Basic realm=\"corp\""));
        h.Fallback = _ => ScriptedHandler.Make(HttpStatusCode.OK, Ok);
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.ProxyAuthenticationRequired, ex.Kind);
        Assert.Equal(407, ex.StatusCode);
        Assert.Single(h.Requests);
        Assert.Contains("not retried", ex.Message);
    }

    [Fact]
    public async Task A_refused_CONNECT_tunnel_is_ProxyAuthenticationRequired_after_one_request()
    {
        var h = new ScriptedHandler().Throw(new HttpRequestException("The proxy tunnel request to proxy 'http://proxy.corp.example:8080/' failed with status code '407'."));
        h.Fallback = _ => ScriptedHandler.Make(HttpStatusCode.OK, Ok);
        using var c = Scripted.Client(h);
        var ex = await Assert.ThrowsAsync<TallyfyApiException>(() => Get(c));
        Assert.Equal(TallyfyErrorKind.ProxyAuthenticationRequired, ex.Kind);
        Assert.Single(h.Requests);
    }

    [Fact]
    public void A_session_proxy_names_its_user_but_never_the_password_and_bypasses_nothing()
    {
        var settings = new ProxySettings(new Uri("http://proxy.corp.example:8080"), new NetworkCredential("jane", "s3cret", "corp"), useDefaultCredentials: false);
        Assert.Equal("as corp\\jane", settings.Authentication);
        using var handler = new HttpClientHandler();
        settings.Apply(handler);
        var proxy = Assert.IsType<WebProxy>(handler.Proxy);
        Assert.False(proxy.BypassProxyOnLocal);
        Assert.False(proxy.IsBypassed(new Uri("http://127.0.0.1:5000/api")));
        Assert.Equal(new Uri("http://proxy.corp.example:8080"), ProxySettings.ProxyFor(settings, new Uri("https://go.tallyfy.com/api/me")));
    }
}
