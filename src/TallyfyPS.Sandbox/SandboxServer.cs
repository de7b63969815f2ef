using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TallyfyPS.Sandbox;

/// <summary>An in-process Tallyfy sandbox bound to loopback.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, SandboxRuntime runtime, Uri baseAddress)
    {
        _app = app;
        Runtime = runtime;
        BaseAddress = baseAddress;
    }

    /// <summary>Root address, e.g. http://127.0.0.1:43125/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>API base, e.g. http://127.0.0.1:43125/api/.</summary>
    public Uri ApiBaseAddress => new Uri(BaseAddress, "api/");

    public SandboxRuntime Runtime { get; }

    /// <summary>Host lifetime, for waiting on shutdown (Ctrl+C, SIGTERM).</summary>
    public IHostApplicationLifetime Lifetime => _app.Lifetime;

    public static Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken ct = default) =>
        StartAsync(options, consoleLifetime: false, ct);

    internal static async Task<SandboxServer> StartAsync(SandboxOptions options, bool consoleLifetime, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = Array.Empty<string>(),
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        if (consoleLifetime)
        {
            builder.Logging.AddSimpleConsole();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);

            // A start that fails (the port is taken) is reported by Program in one line, not as the host's stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        }
        else
        {
            builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        }

        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 10 * 1024 * 1024;
        });

        var runtime = new SandboxRuntime(options);
        var app = builder.Build();
        app.Use((ctx, next) => ApiPipeline.InvokeAsync(ctx, next, runtime));
        app.UseRouting();
        ApiEndpoints.Map(app, runtime);
        ControlEndpoints.Map(app, runtime);

        await app.StartAsync(ct);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        string address = addresses.First().TrimEnd('/');
        address = address.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
        return new SandboxServer(app, runtime, new Uri(address + "/"));
    }

    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }

    private sealed class NoopHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
