using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TallyfyPS.Sandbox.Proxy;

/// <summary>What the test proxy does: where it listens, whom it asks for Basic credentials, the names it resolves, its log.</summary>
public sealed class ForwardProxyOptions
{
    public int Port { get; set; }

    /// <summary>With a user, every request without its Basic credentials is answered 407.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Names (or addresses) the proxy resolves itself: name -> address to connect to.</summary>
    public Dictionary<string, string> Map { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A file each request is appended to as one JSON line.</summary>
    public string? LogFile { get; set; }

    /// <summary>Reads `--proxy [--port N] [--user U --password P] [--map name=address]... [--log PATH] [--address-file PATH] [--parent-pid PID]`.</summary>
    public static ForwardProxyOptions? Parse(string[] args, out string? addressFile, out int? parentPid, out string? error)
    {
        var options = new ForwardProxyOptions();
        addressFile = null;
        parentPid = null;
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--proxy")
            {
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return null;
            }

            string value = args[++i];
            switch (name)
            {
                case "--port" when int.TryParse(value, out int port):
                    options.Port = port;
                    break;
                case "--user":
                    options.User = value;
                    break;
                case "--password":
                    options.Password = value;
                    break;
                case "--map" when value.IndexOf('=') > 0:
                    options.Map[value[..value.IndexOf('=')]] = value[(value.IndexOf('=') + 1)..];
                    break;
                case "--log":
                    options.LogFile = value;
                    break;
                case "--address-file":
                    addressFile = value;
                    break;
                case "--parent-pid" when int.TryParse(value, out int pid):
                    parentPid = pid;
                    break;
                default:
                    error = $"unknown proxy option or bad value: {name} {value}";
                    return null;
            }
        }

        return options;
    }
}

/// <summary>One request the proxy got: when, its method and target, whether it carried proxy credentials, and its answer (407, 502, 200 forwarded).</summary>
public sealed record ForwardProxyLogEntry(DateTimeOffset At, string Method, string Target, bool HadCredentials, int Status)
{
    internal static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
