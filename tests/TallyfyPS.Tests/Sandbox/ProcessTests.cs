using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TallyfyPS.Sandbox;
using Xunit;

namespace TallyfyPS.Tests.Sandbox;

/// <summary>Starts the built sandbox dll as a separate process.</summary>
public sealed class ProcessTests
{
    private static string SandboxDll()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "TallyfyPS.Sandbox.dll");
        Assert.True(File.Exists(dll), dll);
        return dll;
    }

    private sealed class Started : IDisposable
    {
        public required Process Process { get; init; }
        public required string AddressFile { get; init; }
        public ConcurrentQueue<string> Output { get; } = new ConcurrentQueue<string>();

        public void Dispose()
        {
            try
            {
                if (!Process.HasExited)
                {
                    Process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
            }

            Process.Dispose();
            File.Delete(AddressFile);
        }
    }

    private static Started Start(string extraArgs)
    {
        string addressFile = Path.Combine(Path.GetTempPath(), "tallyfy-sandbox-" + Guid.NewGuid().ToString("N") + ".addr");
        var psi = new ProcessStartInfo("dotnet", $"\"{SandboxDll()}\" --urls http://127.0.0.1:0 --address-file \"{addressFile}\" {extraArgs}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var p = Process.Start(psi)!;
        var s = new Started { Process = p, AddressFile = addressFile };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { s.Output.Enqueue(e.Data); } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { s.Output.Enqueue("ERR " + e.Data); } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return s;
    }

    private static async Task<string> WaitForAddress(Started s)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (File.Exists(s.AddressFile))
            {
                return File.ReadAllText(s.AddressFile);
            }

            Assert.False(s.Process.HasExited, "sandbox exited: " + string.Join("\n", s.Output));
            await Task.Delay(50);
        }

        throw new TimeoutException("no address file; output: " + string.Join("\n", s.Output));
    }

    [Fact]
    public async Task Process_AddressFile_Banner_ExitsWithParent()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        using var parent = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        using var s = Start($"--runs 50000 --parent-pid {parent.Id}");
        string address = await WaitForAddress(s);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", address);

        using var http = new HttpClient { BaseAddress = new Uri(address + "/") };
        var info = JsonNode.Parse(await http.GetStringAsync("_sandbox/info"))!;
        Assert.Equal(50000, (int)info["runs"]!);
        await Task.Delay(200);
        var lines = s.Output.ToArray();
        Assert.Contains($"Tallyfy sandbox listening on {address}", lines);
        Assert.Contains($"API base URI: {address}/api", lines);
        Assert.Contains(lines, l => l.StartsWith($"Connect-Tallyfy -BaseUri {address}/api -OrganizationId {SandboxState.MainOrgId} -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)", StringComparison.Ordinal));
        Assert.Contains("Press Ctrl+C to stop.", lines);
        Assert.DoesNotContain(lines, l => l.Contains("info:", StringComparison.Ordinal) || l.StartsWith("ERR", StringComparison.Ordinal));

        parent.Kill();
        Assert.True(s.Process.WaitForExit(10000), "sandbox did not exit after its parent");
        Assert.Equal(0, s.Process.ExitCode);
    }

    [Fact]
    public async Task Process_Sigterm_ExitsZero_Quiet()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        using var s = Start("--quiet --runs 10");
        string address = await WaitForAddress(s);
        using var http = new HttpClient { BaseAddress = new Uri(address + "/") };
        http.DefaultRequestHeaders.Add("X-Tallyfy-Client", "APIClient");
        http.DefaultRequestHeaders.Add("Authorization", "Bearer " + SandboxState.AdminToken);
        Assert.Contains("Acme", await http.GetStringAsync("api/me/organizations"));
        using (var kill = Process.Start(new ProcessStartInfo("kill", $"-TERM {s.Process.Id}") { UseShellExecute = false })!)
        {
            kill.WaitForExit();
        }

        Assert.True(s.Process.WaitForExit(10000), "sandbox did not stop on SIGTERM");
        s.Process.WaitForExit();
        Assert.Equal(0, s.Process.ExitCode);
        Assert.Equal(new[] { $"Tallyfy sandbox listening on {address}" }, s.Output.Where(l => l.Length > 0).ToArray());
    }
}
