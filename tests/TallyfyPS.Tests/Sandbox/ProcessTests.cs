using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
        Assert.Contains("Import-Module TallyfyPS", lines);
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

    /// <summary>Runs the sandbox with <paramref name="arguments"/> until it exits (20 s at most).</summary>
    private static (int ExitCode, string[] Out, string[] Err) RunToExit(string arguments)
    {
        var psi = new ProcessStartInfo("dotnet", $"\"{SandboxDll()}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(20000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"the sandbox did not exit: {arguments}");
        }

        static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        return (p.ExitCode, Lines(stdout.Result), Lines(stderr.Result));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_PrintsTheUsage_AndExitsZero(string option)
    {
        var (code, stdout, stderr) = RunToExit(option);
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Contains("Usage: tallyfy-sandbox [options]", stdout);
        foreach (string o in new[] { "--urls", "--runs", "--seed", "--address-file", "--parent-pid", "--module", "--quiet", "--version", "--help" })
        {
            Assert.Contains(stdout, l => l.TrimStart().StartsWith(o, StringComparison.Ordinal) || l.Contains(", " + o, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Version_PrintsTheToolsVersion_AndExitsZero()
    {
        var (code, stdout, stderr) = RunToExit("--version");
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        string line = Assert.Single(stdout);
        Assert.Equal("tallyfy-sandbox " + CommandLine.VersionText, line);
        Assert.Matches(@"^tallyfy-sandbox \d+\.\d+\.\d+$", line);
    }

    [Theory]
    [InlineData("--bogus", "unknown option '--bogus'")]
    [InlineData("--runs", "--runs needs a value")]
    [InlineData("--runs many", "--runs expects a non-negative integer, got 'many'")]
    [InlineData("--seed -1", "--seed expects a non-negative integer, got '-1'")]
    [InlineData("--urls nonsense", "--urls: 'nonsense' is not an http:// address")]
    [InlineData("--urls https://127.0.0.1:5001", "is not an http:// address")]
    [InlineData("--quiet extra", "unknown option 'extra'")]
    [InlineData("--module", "--module needs a path")]
    public void ABadOption_PrintsOneLineOnStderr_AndExits2(string arguments, string message)
    {
        var (code, stdout, stderr) = RunToExit(arguments);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        string line = Assert.Single(stderr);
        Assert.StartsWith("tallyfy-sandbox: ", line);
        Assert.Contains(message, line);
    }

    [Fact]
    public void APortInUse_PrintsOneLineOnStderr_WithoutAStackTrace_AndExits3()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, stdout, stderr) = RunToExit($"--urls http://127.0.0.1:{port} --quiet");
        Assert.Equal(3, code);
        Assert.Empty(stdout);
        string line = Assert.Single(stderr);
        Assert.Equal($"tallyfy-sandbox: cannot listen on http://127.0.0.1:{port}: the address is already in use", line);
    }

    [Fact]
    public void Pack_MakesADotnetToolPackage_OfTallyfySandbox_AtTheVersionAsked()
    {
        string config = AppContext.BaseDirectory.Contains(Path.DirectorySeparatorChar + "Debug" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? "Debug" : "Release";
        string project = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "TallyfyPS.Sandbox", "TallyfyPS.Sandbox.csproj"));
        Assert.True(File.Exists(project), project);
        string output = Path.Combine(Path.GetTempPath(), "tallyfy-sandbox-pack-" + Guid.NewGuid().ToString("N"));
        try
        {
            var psi = new ProcessStartInfo("dotnet", $"pack \"{project}\" -c {config} --no-build --no-restore -o \"{output}\" -p:SandboxVersion=9.8.7-test -nologo")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using (var p = Process.Start(psi)!)
            {
                string log = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
                Assert.True(p.WaitForExit(120000), "dotnet pack did not finish");
                Assert.True(p.ExitCode == 0, log);
            }

            string package = Path.Combine(output, "TallyfyPS.Sandbox.9.8.7-test.nupkg");
            Assert.True(File.Exists(package), string.Join(", ", Directory.GetFiles(output)));
            using var zip = ZipFile.OpenRead(package);
            string Read(string name)
            {
                var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException("no " + name + " in " + string.Join(", ", zip.Entries.Select(e => e.FullName)));
                using var reader = new StreamReader(entry.Open());
                return reader.ReadToEnd();
            }

            string settings = Read("tools/net10.0/any/DotnetToolSettings.xml");
            Assert.Contains("<Command Name=\"tallyfy-sandbox\" EntryPoint=\"TallyfyPS.Sandbox.dll\"", settings);
            string nuspec = Read("TallyfyPS.Sandbox.nuspec");
            Assert.Contains("<id>TallyfyPS.Sandbox</id>", nuspec);
            Assert.Contains("<version>9.8.7-test</version>", nuspec);
            Assert.Contains("<packageType name=\"DotnetTool\" />", nuspec);
            Assert.NotNull(zip.GetEntry("README.md"));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
