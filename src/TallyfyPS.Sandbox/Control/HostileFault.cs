namespace TallyfyPS.Sandbox;

/// <summary>A hostile answer in place of the real one (<c>faults.hostile</c>).</summary>
public sealed class HostileFault
{
    public static readonly string[] Modes = { "html", "truncated", "invalid-json", "wrong-types", "missing-data", "null-data", "huge", "empty-200", "redirect-other-host" };

    public string Mode { get; set; } = "html";
    public double Rate { get; set; } = 1.0;
    public string? PathContains { get; set; }
}
