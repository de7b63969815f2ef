using System.Threading.Tasks;
using TallyfyPS.Sandbox;
using Xunit;

namespace TallyfyPS.Tests.Support;

/// <summary>
/// One sandbox for the test class, reset before each test (xunit runs a class's tests one at a time). For tests
/// that read and change data only: a test that changes faults, switches or limits, or reads the request log,
/// derives from <see cref="OwnSandboxTest"/>.
/// </summary>
public abstract class SharedSandboxTest : SandboxTestBase, IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _fixture;

    protected SharedSandboxTest(SandboxFixture fixture)
    {
        _fixture = fixture;
    }

    protected override SandboxServer Server => _fixture.Server;

    public override async Task InitializeAsync()
    {
        await Reset();
    }
}
