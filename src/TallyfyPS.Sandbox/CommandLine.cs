using System;
using System.Globalization;
using System.Reflection;

namespace TallyfyPS.Sandbox;

/// <summary>The sandbox's command line: <c>tallyfy-sandbox [options]</c>.</summary>
public sealed class CommandLine
{
    public const string ToolName = "tallyfy-sandbox";

    /// <summary>Exit code of a command line that cannot be used (an unknown option, a missing or bad value).</summary>
    public const int UsageError = 2;

    /// <summary>Exit code when the sandbox cannot listen (the port is taken, the address is not local, no permission).</summary>
    public const int CannotListen = 3;

    public static readonly string Usage = string.Join(Environment.NewLine,
        $"{ToolName}: a local Tallyfy API with seeded data, faults and switches, for tests and demos.",
        "",
        $"Usage: {ToolName} [options]",
        "",
        "Options:",
        "  --urls URLS          where to listen, ';'-separated (default http://127.0.0.1:0: a free port)",
        "  --runs N             runs seeded in the main organization (default 60)",
        "  --seed N             random seed of the data (default 42)",
        "  --address-file PATH  write the root address to PATH once listening",
        "  --parent-pid PID     stop when the process PID exits",
        "  --module PATH        the TallyfyPS module the banner's Import-Module line loads (default: TallyfyPS,",
        "                       as installed); the build passes the module it laid out",
        "  --quiet              print only the 'listening on' line",
        "  --proxy ...          run the test forward proxy instead (--port, --user, --password, --map NAME=ADDRESS,",
        "                       --log, --address-file, --parent-pid; see the README)",
        "  --version            print the version and exit",
        "  -h, --help           print this help and exit",
        "",
        "The API is under <root>/api, the control surface under <root>/_sandbox (see the README).");

    public SandboxOptions Options { get; } = new SandboxOptions();
    public string? AddressFile { get; private set; }
    public int? ParentPid { get; private set; }

    /// <summary>What the banner's <c>Import-Module</c> line names: a path, or the module's name when none was given.</summary>
    public string Module { get; private set; } = "TallyfyPS";
    public bool Quiet { get; private set; }
    public bool Help { get; private set; }
    public bool Version { get; private set; }

    /// <summary>The version the tool reports: the assembly's informational version (set from the project's SandboxVersion).</summary>
    public static string VersionText =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CommandLine).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <summary>Reads the arguments; on a problem returns null and a one-line <paramref name="error"/>.</summary>
    public static CommandLine? Parse(string[] args, out string? error)
    {
        var cl = new CommandLine();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? value = null;
            bool NeedValue()
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return false;
                }

                value = args[++i];
                return true;
            }

            switch (a.ToLowerInvariant())
            {
                case "--urls":
                    if (!NeedValue()) { error = $"{a} needs a value, e.g. {a} http://127.0.0.1:5000"; return null; }
                    if (!ValidUrls(value!, out string? bad)) { error = $"{a}: '{bad}' is not an http:// address, e.g. http://127.0.0.1:5000"; return null; }
                    cl.Options.Urls = value!;
                    break;
                case "--runs":
                case "--seed":
                case "--parent-pid":
                    if (!NeedValue()) { error = $"{a} needs a value"; return null; }
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n)) { error = $"{a} expects a non-negative integer, got '{value}'"; return null; }
                    if (a.Equals("--runs", StringComparison.OrdinalIgnoreCase)) { cl.Options.Runs = n; }
                    else if (a.Equals("--seed", StringComparison.OrdinalIgnoreCase)) { cl.Options.Seed = n; }
                    else { cl.ParentPid = n; }
                    break;
                case "--address-file":
                    if (!NeedValue()) { error = $"{a} needs a path"; return null; }
                    cl.AddressFile = value;
                    break;
                case "--module":
                    if (!NeedValue()) { error = $"{a} needs a path, e.g. {a} ./out/TallyfyPS"; return null; }
                    cl.Module = value!;
                    break;
                case "--quiet":
                    cl.Quiet = true;
                    break;
                case "--version":
                    cl.Version = true;
                    break;
                case "--help":
                case "-h":
                case "-?":
                    cl.Help = true;
                    break;
                default:
                    error = $"unknown option '{a}' (see {ToolName} --help)";
                    return null;
            }
        }

        return cl;
    }

    /// <summary>Each address must be an absolute http:// URL (the sandbox has no certificate for https).</summary>
    private static bool ValidUrls(string urls, out string? bad)
    {
        var parts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bad = parts.Length == 0 ? urls : null;
        foreach (string u in parts)
        {
            string probe = u.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                bad = u;
                break;
            }
        }

        return bad is null;
    }
}
