using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>Thread-safe append-only request log.</summary>
public sealed class RequestLog
{
    private readonly object _gate = new object();
    private readonly List<RequestLogEntry> _entries = new List<RequestLogEntry>();
    private long _seq;
    private long _started;

    /// <summary>Numbers a request as it arrives (its StartSeq).</summary>
    public long Start() => System.Threading.Interlocked.Increment(ref _started);

    /// <summary>How many requests have arrived, including those not answered (and so not logged) yet.</summary>
    public long LastStartSeq => System.Threading.Interlocked.Read(ref _started);

    public void Add(RequestLogEntry e)
    {
        lock (_gate)
        {
            e.Seq = ++_seq;
            e.StartsAtAnswer = System.Threading.Interlocked.Read(ref _started);
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
