using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Support;

/// <summary>
/// Tests of the module's client (and of cmdlets hosted in-process) against a sandbox of the test's own: TallyfyClients
/// pointed at it with short retry delays, and the request log read as what the code under test sent.
/// </summary>
public abstract class ClientTestBase : OwnSandboxTest
{
    public const string Org = MainOrg;

    private HttpClient? _admin;

    /// <summary>Admin token, Tallyfy headers: plain HTTP calls that are not the code under test.</summary>
    protected HttpClient AdminHttp => _admin ??= Api(Admin);

    private protected TallyfyClient NewClient(string token = Admin, int maxRetries = 3)
    {
        var c = new TallyfyClient(new TallyfyClientOptions(Server.ApiBaseAddress, new StaticTokenProvider(token, "test"))
        {
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
            RequestTimeout = TimeSpan.FromSeconds(20),
        });
        _clients.Add(c);
        return c;
    }

    private readonly List<TallyfyClient> _clients = new List<TallyfyClient>();

    public override async Task DisposeAsync()
    {
        foreach (var c in _clients)
        {
            c.Dispose();
        }

        await base.DisposeAsync();
    }

    protected Task Switches(object body) => SetSwitches(body);

    protected Task Faults(object body) => SetFaults(body);

    protected Task<long> LastSeq() => Log.LastSeqAsync();

    /// <summary>
    /// The requests logged after <paramref name="seq"/> by the code under test: run lists (the tests' own
    /// <see cref="ListRuns"/> and <see cref="StateOf"/> calls) are left out.
    /// </summary>
    protected async Task<List<Logged>> Window(long seq) =>
        (await Log.SinceAsync(seq)).Where(e => !e.Path.EndsWith("/runs", StringComparison.Ordinal)).ToList();

    protected static string RunPath(string id) => $"/api/organizations/{Org}/runs/{id}";

    /// <summary>Runs of the main organization in list order (all pages), by a raw list call.</summary>
    protected Task<List<JsonObject>> ListRuns(string query) => AllRuns(AdminHttp, query);

    /// <summary>"live", "archived" or "gone", read from the lists (which no switch changes).</summary>
    protected async Task<string> StateOf(string id)
    {
        var run = (await ListRuns("archived=true")).FirstOrDefault(r => (string)r["id"]! == id);
        return run is null ? "gone" : run["archived_at"] is null ? "live" : "archived";
    }

    protected async Task<HttpStatusCode> RawDelete(string id)
    {
        using var r = await AdminHttp.DeleteAsync($"{RunsPath()}/{id}");
        return r.StatusCode;
    }
}
