using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace TallyfyPS.Tests.Support;

/// <summary>
/// The sandbox's request log. The sandbox logs a request before its answer goes out, so once a call has returned
/// (or failed on a reset connection) its entry is there. Read it only in a test that owns its sandbox.
/// </summary>
public sealed class SandboxLog
{
    private readonly HttpClient _control;

    public SandboxLog(HttpClient control)
    {
        _control = control;
    }

    /// <summary>The sequence number of the last request logged (0 when none): pass it to <see cref="SinceAsync"/>.</summary>
    public async Task<long> LastSeqAsync()
    {
        var body = JsonNode.Parse(await _control.GetStringAsync("_sandbox/requests?since=" + long.MaxValue))!;
        return (long)body["lastSeq"]!;
    }

    /// <summary>The requests logged after <paramref name="seq"/>, oldest first.</summary>
    public async Task<List<Logged>> SinceAsync(long seq = 0)
    {
        var body = JsonNode.Parse(await _control.GetStringAsync($"_sandbox/requests?since={seq}"))!;
        return body["data"]!.AsArray().Select(e => new Logged(
            (long)e!["seq"]!,
            (string)e["method"]!,
            (string)e["path"]!,
            (string?)e["query"] ?? "",
            (int)e["status"]!,
            (int?)e["userId"],
            (string?)e["fault"])).ToList();
    }

    /// <summary>The requests other than GET logged after <paramref name="seq"/>.</summary>
    public async Task<List<Logged>> MutationsSinceAsync(long seq = 0) =>
        (await SinceAsync(seq)).Where(e => e.Method != "GET" && e.Method != "HEAD").ToList();

    public async Task ClearAsync()
    {
        using var r = await _control.DeleteAsync("_sandbox/requests");
        r.EnsureSuccessStatusCode();
    }
}
