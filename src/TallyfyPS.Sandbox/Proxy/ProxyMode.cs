using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Sandbox.Proxy;

/// <summary>`tallyfy-sandbox --proxy ...`: runs the test forward proxy until Ctrl+C, SIGTERM or the parent process exits.</summary>
public static class ProxyMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        ForwardProxyOptions? options = ForwardProxyOptions.Parse(args, out string? addressFile, out int? parentPid, out string? error);
        if (options is null)
        {
            Console.Error.WriteLine($"{CommandLine.ToolName} --proxy: {error}");
            return CommandLine.UsageError;
        }

        await using ForwardProxy proxy = ForwardProxy.Start(options);
        string root = proxy.Address.ToString().TrimEnd('/');
        if (addressFile != null)
        {
            string full = Path.GetFullPath(addressFile);
            File.WriteAllText(full + ".tmp", root);
            File.Move(full + ".tmp", full, overwrite: true);
        }

        Console.WriteLine($"Tallyfy sandbox proxy listening on {root}");
        Console.Out.Flush();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        while (!stop.IsCancellationRequested)
        {
            if (parentPid is int pid && !Alive(pid))
            {
                break;
            }

            try
            {
                await Task.Delay(500, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return 0;
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
