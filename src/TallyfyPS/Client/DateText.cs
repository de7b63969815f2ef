using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TallyfyPS.Client
{
    /// <summary>
    /// The one reader of dates written as text (a form field's value, a CSV cell, -Deadline and every other date
    /// parameter). What the user typed is what is meant, or the text is refused:
    /// <list type="bullet">
    /// <item>ISO 8601 (2026-04-03, 2026-04-03T09:00:00Z, 2026-04-03T09:00:00+02:00) is read as written, in every culture.</item>
    /// <item>A numeric date (03/04/2026, 3.4.2026, 03-04-26, 3/4) that reads as a different date day/month first and
    /// month/day first is refused, naming both readings and the ISO forms to write. One whose other reading is no
    /// date (31/12/2026, 12/31/2026) or the same date (03/03/2026) is that date, in every culture.</item>
    /// <item>Anything else (a month name: 3 April 2026, April 3, 2026) is read in the given culture, then in the
    /// invariant culture (English month names).</item>
    /// </list>
    /// A time after the date is kept; an offset given is kept; without one, <c>assume</c> says what the clock means
    /// (universal for form fields, local for parameters, as PowerShell reads them).
    /// </summary>
    internal static class DateText
    {
        private static readonly Regex Iso = new Regex(
            @"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        // Day and month in either order, an optional year (2 or 4 digits), then the rest (a time) after a space or a T.
        private static readonly Regex Numeric = new Regex(
            @"^(?<a>\d{1,2})\s*(?<sep>[./-])\s*(?<b>\d{1,2})(?:\s*\k<sep>\s*(?<y>\d{4}|\d{2}))?\.?(?<rest>(?:[\sT].*)?)$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <summary>Reads <paramref name="text"/> as a date, or says why it is not one (or not only one).</summary>
        public static DateReading Read(string? text, CultureInfo culture, DateTimeStyles assume)
        {
            string given = (text ?? string.Empty).Trim();
            culture = culture ?? CultureInfo.InvariantCulture;
            DateTimeStyles styles = assume & (DateTimeStyles.AssumeLocal | DateTimeStyles.AssumeUniversal);
            if (given.Length == 0)
            {
                return DateReading.Failed(given, "'' is not a date (write it as 2026-12-01 or 2026-12-01T09:00:00Z).");
            }

            if (Iso.IsMatch(given))
            {
                return Parse(given, given, CultureInfo.InvariantCulture, styles);
            }

            Match numeric = Numeric.Match(given);
            if (numeric.Success)
            {
                return ReadNumeric(given, numeric, culture, styles);
            }

            DateReading reading = Parse(given, given, culture, styles);
            return reading.IsDate || ReferenceEquals(culture, CultureInfo.InvariantCulture) ? reading : Parse(given, given, CultureInfo.InvariantCulture, styles);
        }

        private static DateReading ReadNumeric(string given, Match m, CultureInfo culture, DateTimeStyles styles)
        {
            int a = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
            int b = int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
            int year;
            if (!m.Groups["y"].Success)
            {
                year = DateTime.Today.Year;
            }
            else if (m.Groups["y"].Value.Length == 2)
            {
                year = culture.Calendar is GregorianCalendar calendar
                    ? calendar.ToFourDigitYear(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture))
                    : new GregorianCalendar().ToFourDigitYear(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture));
            }
            else
            {
                year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            }

            DateTime? dayFirst = Day(year, month: b, day: a);
            DateTime? monthFirst = Day(year, month: a, day: b);
            DateTime date;
            if (dayFirst.HasValue && monthFirst.HasValue && dayFirst.Value != monthFirst.Value)
            {
                // The culture's own reading first (en-US: month/day; en-GB, de-DE: day/month).
                bool cultureMonthFirst = culture.DateTimeFormat.ShortDatePattern.TrimStart().StartsWith("M", StringComparison.OrdinalIgnoreCase);
                DateTime first = cultureMonthFirst ? monthFirst.Value : dayFirst.Value;
                DateTime second = cultureMonthFirst ? dayFirst.Value : monthFirst.Value;
                return DateReading.Ambiguous(given,
                    $"'{given}' could be {Long(first, culture)} or {Long(second, culture)}: write {IsoDay(first)} or {IsoDay(second)} (ISO 8601, year-month-day).");
            }
            else if (dayFirst.HasValue)
            {
                date = dayFirst.Value;
            }
            else if (monthFirst.HasValue)
            {
                date = monthFirst.Value;
            }
            else
            {
                return NotADate(given);
            }

            // The date as ISO, then the rest (a time, an offset) read in the culture: ISO dates read in every culture.
            string rest = m.Groups["rest"].Value;
            string rewritten = IsoDay(date) + (rest.StartsWith("T", StringComparison.OrdinalIgnoreCase) ? rest : rest.Length > 0 ? " " + rest.Trim() : string.Empty);
            DateReading reading = Parse(given, rewritten, culture, styles);
            return reading.IsDate || ReferenceEquals(culture, CultureInfo.InvariantCulture) ? reading : Parse(given, rewritten, CultureInfo.InvariantCulture, styles);
        }

        private static DateReading Parse(string given, string text, CultureInfo culture, DateTimeStyles styles)
        {
            if (!DateTimeOffset.TryParse(text, culture, styles, out DateTimeOffset value))
            {
                return NotADate(given);
            }

            return DateReading.Of(given, value);
        }

        private static DateReading NotADate(string given) =>
            DateReading.Failed(given, $"'{Ids.Display(given)}' is not a date (write it as 2026-12-01 or 2026-12-01T09:00:00Z).");

        private static DateTime? Day(int year, int month, int day) =>
            year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
                ? new DateTime(year, month, day)
                : (DateTime?)null;

        private static string IsoDay(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string Long(DateTime date, CultureInfo culture) =>
            date.ToString("d MMMM yyyy", culture.Calendar is GregorianCalendar ? culture : CultureInfo.InvariantCulture);
    }

    /// <summary>What <see cref="DateText.Read"/> made of a text: a date, or why not.</summary>
    internal sealed class DateReading
    {
        private DateReading(string text, DateTimeOffset? value, bool ambiguous, string? problem)
        {
            Text = text;
            Value = value;
            IsAmbiguous = ambiguous;
            Problem = problem;
        }

        /// <summary>The text as given (trimmed).</summary>
        public string Text { get; }

        public DateTimeOffset? Value { get; }

        public bool IsDate => Value.HasValue;

        /// <summary>A numeric date that reads as two different dates.</summary>
        public bool IsAmbiguous { get; }

        /// <summary>Why the text is refused: not a date, or two dates.</summary>
        public string? Problem { get; }

        internal static DateReading Of(string text, DateTimeOffset value) => new DateReading(text, value, false, null);

        internal static DateReading Ambiguous(string text, string problem) => new DateReading(text, null, true, problem);

        internal static DateReading Failed(string text, string problem) => new DateReading(text, null, false, problem);
    }
}
