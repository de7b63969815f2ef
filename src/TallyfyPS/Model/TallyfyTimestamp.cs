using System;
using System.Globalization;
using System.Management.Automation;

namespace TallyfyPS.Model
{
    /// <summary>
    /// A point in time as the module hands it to PowerShell: to scripts it is the DateTimeOffset it wraps (it
    /// compares, sorts and converts as one, has its members, and ConvertTo-Json writes it as a date), and as
    /// text it is ISO 8601 in UTC (what Export-Csv and the tables show), so a CSV round-trips in any culture.
    /// The one PowerShell type in the model: ToString() of a plain DateTimeOffset follows the culture.
    /// </summary>
    public sealed class TallyfyTimestamp : PSObject, IComparable<TallyfyTimestamp>, IEquatable<TallyfyTimestamp>
    {
        public TallyfyTimestamp(DateTimeOffset value)
            : base(value)
        {
            Value = value;
        }

        /// <summary>The point in time (from C#; PowerShell sees the wrapped DateTimeOffset directly).</summary>
        public DateTimeOffset Value { get; }

        public static TallyfyTimestamp? From(DateTimeOffset? value) => value.HasValue ? new TallyfyTimestamp(value.Value) : null;

        public static implicit operator DateTimeOffset(TallyfyTimestamp timestamp) => timestamp.Value;

        /// <summary>ISO 8601 in UTC with milliseconds, as Tallyfy writes times: 2026-05-15T14:30:00.000Z.</summary>
        public override string ToString() => Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        public int CompareTo(TallyfyTimestamp? other) => other is null ? 1 : Value.CompareTo(other.Value);

        public bool Equals(TallyfyTimestamp? other) => other != null && Value.Equals(other.Value);

        public override bool Equals(object? obj) => obj is TallyfyTimestamp t ? Equals(t) : base.Equals(obj);

        public override int GetHashCode() => Value.GetHashCode();
    }
}
