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
}
