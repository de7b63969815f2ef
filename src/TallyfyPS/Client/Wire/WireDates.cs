using System;
using System.Globalization;

namespace TallyfyPS.Client
{
    /// <summary>
    /// The one way a date goes to Tallyfy in a request body: a deadline (create a one-off task, update a task, a
    /// launch's <c>tasks</c>) is ISO 8601 in UTC to the second, <c>YYYY-MM-DDTHH:MM:SSZ</c>, the only form Tallyfy's
    /// docs show (the older <c>YYYY-MM-DD HH:MM:SS</c> is not taken by every endpoint).
    /// </summary>
    internal static class WireDates
    {
        /// <summary>The deadline as sent: <c>2026-12-01T09:00:00Z</c>.</summary>
        public static string Deadline(DateTimeOffset when) =>
            when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
