using System;
using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>Injected faults (PUT /_sandbox/faults). Property names are camelCase on the wire.</summary>
public sealed class FaultSettings
{
    public int LatencyMs { get; set; }
    public int LatencyJitterMs { get; set; }
    public int? RateLimitPerMinute { get; set; }
    /// <summary>The rolling window the limit counts over, in seconds (default 60, Tallyfy's). A shorter window
    /// with a proportional limit keeps rate-limit tests and benchmarks short: 500 per 10 s is 3000 per minute.</summary>
    public int RateLimitWindowSeconds { get; set; } = 60;
    public string RetryAfter { get; set; } = "seconds";
    public double ThrottleRate { get; set; }
    public int ThrottleRetryAfterSeconds { get; set; } = 1;
    public double ErrorRate { get; set; }
    public int[] ErrorStatuses { get; set; } = new[] { 500, 502, 503 };
    public double ResetBeforeRate { get; set; }
    public double ResetAfterRate { get; set; }
    public Dictionary<string, int> FailIds { get; set; } = new Dictionary<string, int>();
    public string[]? Methods { get; set; }
    public int Seed { get; set; } = 1;
    public HostileFault? Hostile { get; set; }

    public string? Validate()
    {
        if (LatencyMs < 0 || LatencyJitterMs < 0)
        {
            return "latencyMs and latencyJitterMs must be >= 0";
        }

        if (RateLimitPerMinute is < 1)
        {
            return "rateLimitPerMinute must be >= 1 or null";
        }

        if (RateLimitWindowSeconds is < 1 or > 3600)
        {
            return "rateLimitWindowSeconds must be between 1 and 3600";
        }

        if (RetryAfter is not ("seconds" or "date"))
        {
            return "retryAfter must be 'seconds' or 'date'";
        }

        foreach (double rate in new[] { ThrottleRate, ErrorRate, ResetBeforeRate, ResetAfterRate })
        {
            if (rate < 0 || rate > 1)
            {
                return "rates must be between 0 and 1";
            }
        }

        if (ThrottleRetryAfterSeconds < 0)
        {
            return "throttleRetryAfterSeconds must be >= 0";
        }

        if (ErrorStatuses is null || ErrorStatuses.Length == 0)
        {
            ErrorStatuses = new[] { 500, 502, 503 };
        }

        FailIds ??= new Dictionary<string, int>();
        foreach (int s in ErrorStatuses)
        {
            if (s < 100 || s > 599)
            {
                return "errorStatuses must be HTTP status codes";
            }
        }

        foreach (var kv in FailIds)
        {
            if (kv.Value < 100 || kv.Value > 599)
            {
                return "failIds values must be HTTP status codes";
            }
        }

        if (Hostile is not null)
        {
            if (Array.IndexOf(HostileFault.Modes, Hostile.Mode) < 0)
            {
                return "hostile.mode must be one of " + string.Join(", ", HostileFault.Modes);
            }

            if (Hostile.Rate < 0 || Hostile.Rate > 1)
            {
                return "hostile.rate must be between 0 and 1";
            }
        }

        return null;
    }
}

public sealed class HostileFault
{
    public static readonly string[] Modes = { "html", "truncated", "invalid-json", "wrong-types", "missing-data", "null-data", "huge", "empty-200", "redirect-other-host" };

    public string Mode { get; set; } = "html";
    public double Rate { get; set; } = 1.0;
    public string? PathContains { get; set; }
}

/// <summary>Open behaviours of the contract (PUT /_sandbox/switches).</summary>
public sealed class SwitchSettings
{
    public string ArchivedRunGet { get; set; } = "200";
    public string DeleteNotArchived { get; set; } = "422";
    public string PermanentDeleteSuccess { get; set; } = "200";
    public string Rearchive { get; set; } = "200";
    public string LastPageLinks { get; set; } = "empty-array";
    public string FormFieldValueKey { get; set; } = "field_value";
    public int OauthTokenLifetimeSeconds { get; set; } = 604800;
    public bool ProgressAsInt { get; set; }

    public string? Validate()
    {
        if (ArchivedRunGet is not ("200" or "404")) { return "archivedRunGet must be '200' or '404'"; }
        if (DeleteNotArchived is not ("422" or "404")) { return "deleteNotArchived must be '422' or '404'"; }
        if (PermanentDeleteSuccess is not ("200" or "204")) { return "permanentDeleteSuccess must be '200' or '204'"; }
        if (Rearchive is not ("200" or "404")) { return "rearchive must be '200' or '404'"; }
        if (LastPageLinks is not ("empty-array" or "empty-object" or "null" or "absent")) { return "lastPageLinks must be 'empty-array', 'empty-object', 'null' or 'absent'"; }
        if (FormFieldValueKey is not ("field_value" or "value")) { return "formFieldValueKey must be 'field_value' or 'value'"; }
        if (OauthTokenLifetimeSeconds < 1) { return "oauthTokenLifetimeSeconds must be >= 1"; }
        return null;
    }
}

public sealed class RequestLogEntry
{
    public long Seq { get; set; }
    public string Time { get; set; } = "";
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public string Query { get; set; } = "";
    public int Status { get; set; }
    public int? UserId { get; set; }
    public string? Fault { get; set; }
}

/// <summary>Thread-safe append-only request log.</summary>
public sealed class RequestLog
{
    private readonly object _gate = new object();
    private readonly List<RequestLogEntry> _entries = new List<RequestLogEntry>();
    private long _seq;

    public void Add(RequestLogEntry e)
    {
        lock (_gate)
        {
            e.Seq = ++_seq;
            _entries.Add(e);
        }
    }

    public List<RequestLogEntry> Since(long since)
    {
        lock (_gate)
        {
            // Entries are in seq order: binary search the first entry after `since`.
            int lo = 0, hi = _entries.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (_entries[mid].Seq <= since) { lo = mid + 1; } else { hi = mid; }
            }

            return _entries.GetRange(lo, _entries.Count - lo);
        }
    }

    public long LastSeq
    {
        get { lock (_gate) { return _seq; } }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}

/// <summary>Per-token rolling windows (60 s unless the faults say otherwise).</summary>
public sealed class RateLimiter
{
    private readonly object _gate = new object();
    private readonly Dictionary<string, Queue<DateTime>> _windows = new Dictionary<string, Queue<DateTime>>(StringComparer.Ordinal);
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>Counts a request. Returns (allowed, remaining, retryAfter).</summary>
    public (bool Allowed, int Remaining, TimeSpan RetryAfter) Hit(string key, int limit, bool enforce, DateTime now) =>
        Hit(key, limit, enforce, now, Window);

    public (bool Allowed, int Remaining, TimeSpan RetryAfter) Hit(string key, int limit, bool enforce, DateTime now, TimeSpan window)
    {
        lock (_gate)
        {
            if (!_windows.TryGetValue(key, out var q))
            {
                q = new Queue<DateTime>();
                _windows[key] = q;
            }

            while (q.Count > 0 && now - q.Peek() >= window)
            {
                q.Dequeue();
            }

            if (enforce && q.Count >= limit)
            {
                var retry = q.Peek() + window - now;
                return (false, 0, retry);
            }

            q.Enqueue(now);
            if (!enforce && q.Count > limit * 4)
            {
                q.Dequeue(); // bounded memory when only counting
            }

            return (true, Math.Max(0, limit - q.Count), TimeSpan.Zero);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _windows.Clear();
        }
    }
}

/// <summary>Thread-safe seeded random for reproducible fault decisions.</summary>
public sealed class FaultRandom
{
    private readonly object _gate = new object();
    private Random _random = new Random(1);

    public void Reseed(int seed)
    {
        lock (_gate) { _random = new Random(seed); }
    }

    public double NextDouble()
    {
        lock (_gate) { return _random.NextDouble(); }
    }

    public int Next(int max)
    {
        lock (_gate) { return _random.Next(max); }
    }
}
