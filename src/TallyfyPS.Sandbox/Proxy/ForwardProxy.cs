using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Sandbox.Proxy;

/// <summary>
/// A small forward proxy for tests (tallyfy-sandbox --proxy): HTTP requests in absolute form and CONNECT tunnels, with
/// optional Basic authentication (407 without it) and a log of every request it got, one JSON line each. It resolves
/// names of its own (--map name=address): a client can reach a sandbox under a name only the proxy knows, so that a
/// request that arrives proves it went through the proxy.
/// </summary>
public sealed class ForwardProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly ForwardProxyOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _logLock = new();
    private readonly Task _accepting;

    private ForwardProxy(ForwardProxyOptions options)
    {
        _options = options;
        _listener = new TcpListener(IPAddress.Loopback, options.Port);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Where the proxy listens, such as http://127.0.0.1:41234.</summary>
    public Uri Address { get; }

    /// <summary>Every request the proxy got, in order (also written to the log file when one was given).</summary>
    public List<ForwardProxyLogEntry> Log { get; } = new();

    public static ForwardProxy Start(ForwardProxyOptions options) => new(options);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                while (true)
                {
                    (string? head, byte[] rest) = await ReadHeadAsync(stream);
                    if (head is null)
                    {
                        return;
                    }

                    if (!await OneRequestAsync(stream, head, rest))
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // the client or the upstream went away
            }
        }
    }

    /// <summary>Serves one request; true when the connection may carry another (only after a 407).</summary>
    private async Task<bool> OneRequestAsync(NetworkStream client, string head, byte[] rest)
    {
        string[] lines = head.Split("\r\n");
        string[] first = lines[0].Split(' ');
        if (first.Length < 3)
        {
            await WriteAsync(client, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return false;
        }

        string method = first[0];
        string target = first[1];
        bool connect = method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase);
        string? authorization = Header(lines, "Proxy-Authorization");
        bool authorized = _options.User is null || authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.User}:{_options.Password}"));
        (string host, int port, string pathAndQuery) = connect ? SplitAuthority(target) : SplitAbsolute(target);
        var entry = new ForwardProxyLogEntry(DateTimeOffset.UtcNow, method, target, authorization != null, authorized ? 0 : 407);
        if (!authorized)
        {
            Record(entry);
            int length = int.TryParse(Header(lines, "Content-Length"), out int n) ? n : 0;
            await DrainAsync(client, rest, length);
            await WriteAsync(client, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"tallyfy-sandbox-proxy\"\r\n" +
                "Content-Length: 0\r\n\r\n");
            return true;
        }

        string upstreamHost = _options.Map.TryGetValue(host, out string? mapped) ? mapped : host;
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(upstreamHost, port);
        }
        catch (SocketException ex)
        {
            Record(entry with { Status = 502 });
            await WriteAsync(client, $"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nX-Proxy-Error: {ex.SocketErrorCode}\r\nConnection: close\r\n\r\n");
            return false;
        }

        Record(entry with { Status = 200 });
        NetworkStream up = upstream.GetStream();
        if (connect)
        {
            await WriteAsync(client, "HTTP/1.1 200 Connection established\r\n\r\n");
            await up.WriteAsync(rest);
        }
        else
        {
            // Origin form upstream, one request per connection, proxy headers dropped, Via added.
            var sb = new StringBuilder($"{method} {pathAndQuery} {first[2]}\r\n");
            foreach (string line in lines[1..])
            {
                if (line.Length == 0 || line.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                sb.Append(line).Append("\r\n");
            }

            sb.Append("Via: 1.1 tallyfy-sandbox-proxy\r\nConnection: close\r\n\r\n");
            await up.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString()));
            await up.WriteAsync(rest);
        }

        // Both ways until either side is done; a side that ends its sending ends the other's too.
        Task toUpstream = CopyThenShutdownAsync(client, up, upstream.Client);
        await CopyThenShutdownAsync(up, client, client.Socket);
        await toUpstream;
        return false;
    }

    private static async Task CopyThenShutdownAsync(NetworkStream from, NetworkStream to, Socket toSocket)
    {
        try
        {
            await from.CopyToAsync(to);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // that side went away
        }

        try
        {
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    private void Record(ForwardProxyLogEntry entry)
    {
        lock (_logLock)
        {
            Log.Add(entry);
            if (_options.LogFile is string file)
            {
                File.AppendAllText(file, JsonSerializer.Serialize(entry, ForwardProxyLogEntry.JsonOptions) + "\n");
            }
        }
    }

    private static string? Header(string[] lines, string name)
    {
        foreach (string line in lines)
        {
            int colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static (string Host, int Port, string PathAndQuery) SplitAuthority(string authority)
    {
        var uri = new Uri("http://" + authority);
        return (uri.Host, uri.Port, "/");
    }

    private static (string Host, int Port, string PathAndQuery) SplitAbsolute(string target)
    {
        var uri = new Uri(target);
        return (uri.Host, uri.Port, uri.PathAndQuery);
    }

    /// <summary>Reads up to the blank line that ends a request's head; what came after it is the start of its body.</summary>
    private static async Task<(string? Head, byte[] Body)> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        byte[] chunk = new byte[4096];
        while (true)
        {
            int n = await stream.ReadAsync(chunk);
            if (n == 0)
            {
                return (null, Array.Empty<byte>());
            }

            buffer.AddRange(chunk.AsSpan(0, n).ToArray());
            byte[] all = buffer.ToArray();
            int end = IndexOf(all, "\r\n\r\n"u8.ToArray());
            if (end >= 0)
            {
                return (Encoding.ASCII.GetString(all, 0, end), all[(end + 4)..]);
            }

            if (buffer.Count > 64 * 1024)
            {
                return (null, Array.Empty<byte>());
            }
        }
    }

    private static async Task DrainAsync(NetworkStream stream, byte[] rest, int length)
    {
        int left = length - rest.Length;
        byte[] chunk = new byte[4096];
        while (left > 0)
        {
            int n = await stream.ReadAsync(chunk.AsMemory(0, Math.Min(chunk.Length, left)));
            if (n == 0)
            {
                return;
            }

            left -= n;
        }
    }

    private static int IndexOf(byte[] data, byte[] pattern)
    {
        for (int i = 0; i <= data.Length - pattern.Length; i++)
        {
            if (data.AsSpan(i, pattern.Length).SequenceEqual(pattern))
            {
                return i;
            }
        }

        return -1;
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
