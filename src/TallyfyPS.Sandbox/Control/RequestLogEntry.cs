namespace TallyfyPS.Sandbox;

/// <summary>One /api request as the request log shows it.</summary>
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

    /// <summary>The JSON text of every <c>deadline</c> the request's body carried (top level, a launch's <c>tasks</c>), quotes kept, or null.</summary>
    public System.Collections.Generic.List<string>? Deadlines { get; set; }

    /// <summary>The order in which the request arrived (1 for the first since the sandbox started), before any latency.</summary>
    public long StartSeq { get; set; }

    /// <summary>
    /// How many requests had arrived when this one's answer was decided and logged: a request with a greater
    /// <see cref="StartSeq"/> started after this answer (so after a client could know it).
    /// </summary>
    public long StartsAtAnswer { get; set; }
}
