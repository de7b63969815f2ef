namespace TallyfyPS.Sandbox;

/// <summary>Start-up options of the sandbox.</summary>
public sealed class SandboxOptions
{
    /// <summary>Number of runs seeded in the main organization.</summary>
    public int Runs { get; set; } = 60;

    /// <summary>Random seed of the deterministic data.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>URL(s) to bind, ';'-separated. Port 0 picks a free port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";
}
