using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Sandbox;

if (Array.IndexOf(args, "--proxy") >= 0)
{
    return await TallyfyPS.Sandbox.Proxy.ProxyMode.RunAsync(args);
}

var cl = CommandLine.Parse(args, out string? error);
if (cl is null)
{
    Console.Error.WriteLine($"{CommandLine.ToolName}: {error}");
    return CommandLine.UsageError;
}

if (cl.Help)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

if (cl.Version)
{
    Console.WriteLine($"{CommandLine.ToolName} {CommandLine.VersionText}");
    return 0;
}

SandboxServer server;
try
{
    server = await SandboxServer.StartAsync(cl.Options, consoleLifetime: true, CancellationToken.None);
}
catch (IOException ex) when (ex.InnerException is SocketException or null || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
{
    string why = ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase)
        ? "the address is already in use"
        : ex.InnerException?.Message ?? ex.Message;
    Console.Error.WriteLine($"{CommandLine.ToolName}: cannot listen on {cl.Options.Urls}: {why}");
    return CommandLine.CannotListen;
}
catch (Exception ex) when (ex is InvalidOperationException or FormatException or UriFormatException or SocketException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"{CommandLine.ToolName}: cannot listen on {cl.Options.Urls}: {ex.Message}");
    return CommandLine.CannotListen;
}

await using (server)
{
    string root = server.BaseAddress.ToString().TrimEnd('/');
    if (cl.AddressFile is not null)
    {
        try
        {
            string full = Path.GetFullPath(cl.AddressFile);
            string tmp = full + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllText(tmp, root);
            File.Move(tmp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"{CommandLine.ToolName}: cannot write the address file {cl.AddressFile}: {ex.Message}");
            return 1;
        }
    }

    Console.WriteLine($"Tallyfy sandbox listening on {root}");
    if (!cl.Quiet)
    {
        Console.WriteLine($"API base URI: {root}/api");
        Console.WriteLine("Paste into PowerShell:");
        Console.WriteLine($"Import-Module {PowerShellQuote(cl.Module)}");
        Console.WriteLine($"Connect-Tallyfy -BaseUri {root}/api -OrganizationId {SandboxState.MainOrgId} -AccessToken (ConvertTo-SecureString '{SandboxState.AdminToken}' -AsPlainText -Force)");
        Console.WriteLine("Press Ctrl+C to stop.");
    }

    Console.Out.Flush();
    if (cl.ParentPid is int pid)
    {
        _ = Task.Run(() => StopWithParentAsync(server, pid));
    }

    await server.WaitForShutdownAsync();
}

return 0;

static async Task StopWithParentAsync(SandboxServer server, int pid)
{
    while (!server.Lifetime.ApplicationStopping.IsCancellationRequested)
    {
        bool alive;
        try
        {
            using var p = Process.GetProcessById(pid);
            alive = !p.HasExited;
        }
        catch (ArgumentException)
        {
            alive = false;
        }
        catch (InvalidOperationException)
        {
            alive = false;
        }

        if (!alive)
        {
            server.Lifetime.StopApplication();
            return;
        }

        await Task.Delay(500);
    }
}

// A bare module name as it is; a path in single quotes (quotes inside doubled), so it pastes as one argument.
static string PowerShellQuote(string module) =>
    System.Text.RegularExpressions.Regex.IsMatch(module, "^[A-Za-z0-9_.-]+$") ? module : "'" + module.Replace("'", "''") + "'";
