namespace TallyfyPS.Sandbox;

/// <summary>
/// A request's log entry, added to the log once its outcome is known and before the answer goes out, so a
/// client that has seen the answer (or the reset) finds the request in the log. Later calls change nothing.
/// </summary>
internal sealed class PendingLogEntry
{
    private readonly RequestLog _log;
    private bool _committed;

    public PendingLogEntry(RequestLog log, RequestLogEntry entry)
    {
        _log = log;
        Entry = entry;
    }

    public RequestLogEntry Entry { get; }

    /// <summary>The fault named when no other applies (latency, once a delay was injected).</summary>
    public string? DefaultFault { get; set; }

    public void Commit(int status, string? fault = null)
    {
        if (_committed)
        {
            return;
        }

        _committed = true;
        Entry.Status = status;
        Entry.Fault = fault ?? DefaultFault;
        _log.Add(Entry);
    }
}
