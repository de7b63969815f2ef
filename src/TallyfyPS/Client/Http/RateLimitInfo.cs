using System;

namespace TallyfyPS.Client
{
    /// <summary>
    /// A 429 that asked for a longer wait than the session makes (-MaxWaitSec): which action it stopped (method and
    /// route, ids left out: <see cref="TallyfyClient.ActionOf"/>), what the service said of its limit, and when it frees up.
    /// </summary>
    internal sealed class RateLimitInfo
    {
        public RateLimitInfo(string action, string cap, DateTimeOffset until, TimeSpan wait, TimeSpan maxWait)
        {
            Action = action;
            Cap = cap;
            Until = until;
            Wait = wait;
            MaxWait = maxWait;
        }

        /// <summary>"POST organizations/{id}/tasks/{id}/comment".</summary>
        public string Action { get; }

        /// <summary>What the service said of the limit: its message, and its code where it gave one.</summary>
        public string Cap { get; }

        /// <summary>When the service said the limit frees up (the answer's time plus Retry-After).</summary>
        public DateTimeOffset Until { get; }

        /// <summary>The wait the service asked for.</summary>
        public TimeSpan Wait { get; }

        /// <summary>The longest wait the session makes (-MaxWaitSec).</summary>
        public TimeSpan MaxWait { get; }

        /// <summary>"at 14:05:09 (13:05:09 UTC)": the time the limit frees up, local and UTC.</summary>
        public string ResetText =>
            $"at {Until.ToLocalTime():yyyy-MM-dd HH:mm:ss} local time ({Until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)";

        /// <summary>The sentence every request of the action that is not sent carries.</summary>
        public string Describe() =>
            $"Tallyfy's rate limit for {Action} is reached ({Cap}); it frees up in {Words.Duration(Wait)}, {ResetText}, " +
            $"longer than this session waits (-MaxWaitSec {MaxWait.TotalSeconds:0})";
    }
}
