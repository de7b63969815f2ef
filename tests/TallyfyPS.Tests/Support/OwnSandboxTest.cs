using System.Threading.Tasks;
using TallyfyPS.Sandbox;

namespace TallyfyPS.Tests.Support;

/// <summary>
/// A sandbox of the test's own, started before and stopped after each test (about 20 ms): its faults, switches,
/// limits and request log are nobody else's, whatever runs in parallel.
/// </summary>
public abstract class OwnSandboxTest : SandboxTestBase
{
    private readonly SandboxFixture _own;

    protected OwnSandboxTest()
        : this(new SandboxOptions { Runs = SandboxFixture.DefaultRuns, Seed = SandboxFixture.DefaultSeed })
    {
    }

    protected OwnSandboxTest(SandboxOptions options)
    {
        _own = SandboxFixture.With(options);
    }

    protected override SandboxServer Server => _own.Server;

    public override Task InitializeAsync() => _own.InitializeAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _own.DisposeAsync();
    }
}
