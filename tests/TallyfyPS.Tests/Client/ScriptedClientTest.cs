using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Tests.Client;

/// <summary>Tests of TallyfyClient against a ScriptedHandler: a call, and the requests it sent (what a result reports as Attempts).</summary>
public abstract class ScriptedClientTest
{
    protected const string Ok = "{\"data\":{\"id\":\"0123456789abcdef0123456789abcdef\",\"name\":\"x\"}}";

    private RequestCounter _counter = new CallContext().NewCounter();

    /// <summary>Requests sent for the last call (what a result reports as Attempts).</summary>
    protected int Attempts => _counter.Sent;

    private protected Task<ApiResponse> Get(TallyfyClient c, string? path = null, CancellationToken ct = default, Action<string>? trace = null) =>
        Send(c, new ApiRequest(HttpMethod.Get, path ?? Scripted.RunPath()), ct, trace);

    private protected Task<ApiResponse> Send(TallyfyClient c, ApiRequest request, CancellationToken ct = default, Action<string>? trace = null)
    {
        _counter = new CallContext(ct, trace: trace).NewCounter();
        return c.SendAsync(request, _counter);
    }
}
