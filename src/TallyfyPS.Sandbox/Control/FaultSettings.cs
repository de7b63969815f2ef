using System;
using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>Injected faults (PUT /_sandbox/faults). Property names are camelCase on the wire.</summary>
public sealed class FaultSettings
{
    public int LatencyMs { get; set; }
    public int LatencyJitterMs { get; set; }
    /// <summary>The HTTP methods the latency applies to (all when null): a slow DELETE widens the window after a restore.</summary>
    public string[]? LatencyMethods { get; set; }
    /// <summary>
    /// Burst throttling (Tallyfy's first layer, per user and IP): more than this many requests of one token within
    /// <see cref="BurstWindowSeconds"/> answer 429 with a short Retry-After (until the window frees a request). Null: off.
    /// There is no per-minute budget: Tallyfy has none.
    /// </summary>
    public int? BurstLimit { get; set; }

    /// <summary>The short window burst throttling counts over, in seconds (default 2).</summary>
    public int BurstWindowSeconds { get; set; } = 2;
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

        if (BurstLimit is < 1)
        {
            return "burstLimit must be >= 1 or null";
        }

        if (BurstWindowSeconds is < 1 or > 60)
        {
            return "burstWindowSeconds must be between 1 and 60";
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
