using System;
using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

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
