using System.Threading.Tasks;
using TallyfyPS.Sandbox;
using Xunit;

namespace TallyfyPS.Tests.Support;

/// <summary>
/// An in-process sandbox on a free loopback port (60 runs, seed 42 unless told otherwise). As a class fixture it
/// serves one test class (see <see cref="SharedSandboxTest"/>); <see cref="OwnSandboxTest"/> starts one per test.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public const int DefaultRuns = 60;
    public const int DefaultSeed = 42;

    private readonly SandboxOptions _options;
    private SandboxServer? _server;

    public SandboxFixture()
        : this(new SandboxOptions { Runs = DefaultRuns, Seed = DefaultSeed })
    {
    }

    private SandboxFixture(SandboxOptions options)
    {
        _options = options;
    }

    /// <summary>A fixture started with other options (xunit builds class fixtures with the parameterless constructor).</summary>
    public static SandboxFixture With(SandboxOptions options) => new SandboxFixture(options);

    public SandboxServer Server => _server ?? throw new System.InvalidOperationException("The sandbox is not started.");

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(_options);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
