using System;
using System.Threading;

namespace TallyfyPS.Sandbox;

/// <summary>
/// The time changes are stamped with and the hourly caps count in: now, in UTC, to the millisecond (what the API
/// shows), moved by the sandbox's clock offset (<c>PUT /_sandbox/clock</c>), so a test can "wait an hour" at once.
/// The offset of the sandbox handling the request flows with it (several sandboxes may share a process).
/// </summary>
public static class SandboxClock
{
    private static readonly AsyncLocal<SandboxRuntime?> Current = new AsyncLocal<SandboxRuntime?>();

    /// <summary>Makes <paramref name="rt"/>'s clock the one of the request under way (set by the pipeline).</summary>
    internal static void Use(SandboxRuntime rt) => Current.Value = rt;

    public static DateTime Now() => Now(Current.Value?.ClockOffset ?? TimeSpan.Zero);

    public static DateTime Now(TimeSpan offset)
    {
        DateTime n = DateTime.UtcNow + offset;
        return new DateTime(n.Ticks - (n.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
