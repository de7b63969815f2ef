using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Sandbox;

var options = new SandboxOptions();
string? addressFile = null;
int? parentPid = null;
bool quiet = false;
for (int i = 0; i < args.Length; i++)
{
    string a = args[i];
    string Next()
    {
        if (i + 1 >= args.Length)
        {
            Console.Error.WriteLine($"Missing value for {a}");
            Environment.Exit(2);
        }

        return args[++i];
    }

    switch (a.ToLowerInvariant())
    {
        case "--urls": options.Urls = Next(); break;
        case "--runs": options.Runs = IntArg(a, Next()); break;
        case "--seed": options.Seed = IntArg(a, Next()); break;
        case "--address-file": addressFile = Next(); break;
        case "--parent-pid": parentPid = IntArg(a, Next()); break;
        case "--quiet": quiet = true; break;
        case "--help":
        case "-h":
            Console.WriteLine("TallyfyPS.Sandbox [--urls http://127.0.0.1:0] [--runs 60] [--seed 42] [--address-file PATH] [--parent-pid PID] [--quiet]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument: {a}");
            return 2;
    }
}

static int IntArg(string name, string value)
{
    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 0)
    {
        Console.Error.WriteLine($"{name} expects a non-negative integer, got '{value}'");
        Environment.Exit(2);
    }

    return n;
}

await using var server = await SandboxServer.StartAsync(options, consoleLifetime: true, CancellationToken.None);
string root = server.BaseAddress.ToString().TrimEnd('/');
if (addressFile is not null)
{
    string full = Path.GetFullPath(addressFile);
    string tmp = full + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
    File.WriteAllText(tmp, root);
    File.Move(tmp, full, overwrite: true);
}

Console.WriteLine($"Tallyfy sandbox listening on {root}");
if (!quiet)
{
    Console.WriteLine($"API base URI: {root}/api");
    Console.WriteLine($"Connect-Tallyfy -BaseUri {root}/api -OrganizationId {SandboxState.MainOrgId} -AccessToken (ConvertTo-SecureString '{SandboxState.AdminToken}' -AsPlainText -Force)");
    Console.WriteLine("Press Ctrl+C to stop.");
}

Console.Out.Flush();

if (parentPid is int pid)
{
    _ = Task.Run(async () =>
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
    });
}

await server.WaitForShutdownAsync();
return 0;
