using System;
using System.Threading;

namespace TallyfyPS.Sandbox;

/// <summary>Everything mutable of one sandbox instance.</summary>
public sealed class SandboxRuntime
{
    private FaultSettings _faults = new FaultSettings();
    private SwitchSettings _switches = new SwitchSettings();
    private LimitSettings _limits = new LimitSettings();

    public SandboxRuntime(SandboxOptions options)
    {
        Options = options;
        State = new SandboxState(new SeedSettings(options.Runs, options.Seed));
    }

    public SandboxOptions Options { get; }
    public SandboxState State { get; }
    public RequestLog Log { get; } = new RequestLog();
    /// <summary>Burst throttling per token (<see cref="FaultSettings.BurstLimit"/>).</summary>
    public RateLimiter RateLimiter { get; } = new RateLimiter();

    /// <summary>The hourly caps per organization (<see cref="LimitSettings"/>).</summary>
    public HourlyCaps Caps { get; } = new HourlyCaps();

    private long _clockOffsetTicks;

    /// <summary>How far the sandbox's clock is ahead of the real one (<c>PUT /_sandbox/clock</c>): stamps and hourly caps.</summary>
    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
        set => Interlocked.Exchange(ref _clockOffsetTicks, value.Ticks);
    }

    /// <summary>Reads of the activity feed per user, for <see cref="LimitSettings.ActivityFeedPerMinute"/>.</summary>
    public RateLimiter ActivityFeedLimiter { get; } = new RateLimiter();

    public FaultRandom FaultRandom { get; } = new FaultRandom();

    public FaultSettings Faults
    {
        get => Volatile.Read(ref _faults);
        set
        {
            FaultRandom.Reseed(value.Seed);
            Volatile.Write(ref _faults, value);
        }
    }

    public SwitchSettings Switches
    {
        get => Volatile.Read(ref _switches);
        set => Volatile.Write(ref _switches, value);
    }

    public LimitSettings Limits
    {
        get => Volatile.Read(ref _limits);
        set => Volatile.Write(ref _limits, value);
    }

    public void Reset(SeedSettings settings)
    {
        State.Reset(settings);
        Log.Clear();
        RateLimiter.Clear();
        Faults = new FaultSettings();
        Switches = new SwitchSettings();
        Limits = new LimitSettings();
        ActivityFeedLimiter.Clear();
        Caps.Clear();
        ClockOffset = TimeSpan.Zero;
    }

    /// <summary>Resolves a bearer token to a user (PAT or unexpired issued OAuth token).</summary>
    public User? Authenticate(string token)
    {
        lock (State.Gate)
        {
            foreach (var u in State.Users)
            {
                if (u.Token is not null && u.Status == "active" && string.Equals(u.Token, token, StringComparison.Ordinal))
                {
                    // A personal access token is invalidated when its user logs out (POST /_sandbox/revoke-tokens).
                    return State.RevokedPersonalTokens.Contains(u.Id) ? null : u;
                }
            }

            if (State.AccessTokens.TryGetValue(token, out var issued))
            {
                if (DateTime.UtcNow < issued.ExpiresAt)
                {
                    return State.UserById(issued.UserId);
                }

                State.AccessTokens.Remove(token);
            }
        }

        return null;
    }
}
