using System;
using System.Globalization;
using TallyfyPS.Client;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>The one date reader: what the user typed is what is meant, in en-GB, en-US and de-DE alike.</summary>
public sealed class DateTextTests
{
    private static DateReading Read(string text, string culture) =>
        DateText.Read(text, CultureInfo.GetCultureInfo(culture), DateTimeStyles.AssumeUniversal);

    private static DateTime Day(string text, string culture)
    {
        DateReading r = Read(text, culture);
        Assert.True(r.IsDate, r.Problem);
        return r.Value!.Value.DateTime;
    }

    [Theory]
    [InlineData("en-GB")]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    public void A_numeric_date_that_reads_two_ways_is_refused_with_both_readings_and_the_ISO_forms(string culture)
    {
        foreach (string text in new[] { "03/04/2026", "3/4/2026", "03.04.2026", "03-04-2026", "03/04/26", "03/04/2026 09:00", " 03 / 04 / 2026 ", "1/12/2026" })
        {
            DateReading r = Read(text, culture);
            Assert.False(r.IsDate, text);
            Assert.True(r.IsAmbiguous, text);
        }

        string problem = Read("03/04/2026", culture).Problem!;
        Assert.Contains("'03/04/2026' could be", problem);
        Assert.Contains("2026-04-03", problem);
        Assert.Contains("2026-03-04", problem);
        var names = CultureInfo.GetCultureInfo(culture).DateTimeFormat;
        Assert.Contains("3 " + names.GetMonthName(4) + " 2026", problem);
        Assert.Contains("4 " + names.GetMonthName(3) + " 2026", problem);
    }

    [Fact]
    public void The_cultures_own_reading_is_named_first()
    {
        Assert.StartsWith("'03/04/2026' could be 3 April 2026 or 4 March 2026", Read("03/04/2026", "en-GB").Problem);
        Assert.StartsWith("'03/04/2026' could be 4 March 2026 or 3 April 2026", Read("03/04/2026", "en-US").Problem);
    }

    [Theory]
    [InlineData("en-GB")]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    public void A_numeric_date_with_one_reading_is_that_date_in_every_culture(string culture)
    {
        Assert.Equal(new DateTime(2026, 12, 31), Day("31/12/2026", culture));
        Assert.Equal(new DateTime(2026, 12, 31), Day("12/31/2026", culture));
        Assert.Equal(new DateTime(2026, 12, 31), Day("31.12.2026", culture));
        Assert.Equal(new DateTime(2026, 3, 3), Day("03/03/2026", culture));
        Assert.Equal(new DateTime(2026, 12, 31, 9, 15, 0), Day("31/12/2026 09:15", culture));
        Assert.False(Read("31/13/2026", culture).IsDate);
        Assert.False(Read("31/13/2026", culture).IsAmbiguous);
        Assert.False(Read("30/02/2026", culture).IsDate);
    }

    [Theory]
    [InlineData("en-GB")]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    public void ISO_8601_is_read_as_written_with_its_offset(string culture)
    {
        Assert.Equal(new DateTime(2026, 4, 3), Day("2026-04-03", culture));
        DateReading r = Read("2026-12-31T23:30:00-11:00", culture);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-11)), r.Value);
        Assert.Equal(new DateTime(2026, 12, 31, 23, 30, 0), r.Value!.Value.DateTime); // the calendar date as written
        Assert.Equal(TimeSpan.Zero, Read("2026-04-03T09:00:00Z", culture).Value!.Value.Offset);
        Assert.Equal(TimeSpan.Zero, Read("2026-04-03", culture).Value!.Value.Offset); // assumed universal
    }

    [Fact]
    public void A_date_with_a_month_name_is_read_in_the_culture_then_in_English()
    {
        Assert.Equal(new DateTime(2026, 4, 3), Day("3 April 2026", "en-GB"));
        Assert.Equal(new DateTime(2026, 4, 3), Day("April 3, 2026", "en-US"));
        Assert.Equal(new DateTime(2026, 3, 4), Day("4. März 2026", "de-DE"));
        Assert.Equal(new DateTime(2026, 3, 4), Day("4 March 2026", "de-DE"));
        Assert.False(Read("next Tuesday", "en-GB").IsDate);
        Assert.Contains("is not a date", Read("next Tuesday", "en-GB").Problem);
    }

    [Fact]
    public void Without_an_offset_the_clock_is_local_when_asked()
    {
        DateReading r = DateText.Read("31/12/2026 09:00", CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.AssumeLocal);
        Assert.Equal(new DateTimeOffset(new DateTime(2026, 12, 31, 9, 0, 0, DateTimeKind.Local)), r.Value);
    }
}
