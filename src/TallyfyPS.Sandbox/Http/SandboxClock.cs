using System;

namespace TallyfyPS.Sandbox;

/// <summary>The time changes are stamped with: now, in UTC, to the millisecond (what the API shows).</summary>
public static class SandboxClock
{
    public static DateTime Now()
    {
        DateTime n = DateTime.UtcNow;
        return new DateTime(n.Ticks - (n.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
