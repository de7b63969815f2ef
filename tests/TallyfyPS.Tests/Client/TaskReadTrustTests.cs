using System;
using System.Text.Json;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>When a task object's status may be trusted for a completion, on a clock the test moves.</summary>
public sealed class TaskReadTrustTests
{
    private static readonly DateTime Start = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
    private DateTime _now = Start;

    private TaskReadTrust NewTrust() => new TaskReadTrust(() => _now);

    private TallyfyTask ReadNow(string id = "0123456789abcdef0123456789abcdef") => new TallyfyTask { Id = id, Status = "active", ReadAtUtc = _now };

    [Fact]
    public void A_task_read_moments_ago_is_trusted_until_the_window_ends()
    {
        TaskReadTrust trust = NewTrust();
        TallyfyTask task = ReadNow();
        Assert.True(trust.IsCurrent(task));
        _now += TaskReadTrust.TrustFor;
        Assert.True(trust.IsCurrent(task));
        _now += TimeSpan.FromMilliseconds(1);
        Assert.False(trust.IsCurrent(task));
    }

    [Fact]
    public void A_task_this_session_completed_or_reopened_after_its_read_is_not_trusted_and_a_later_read_is()
    {
        TaskReadTrust trust = NewTrust();
        TallyfyTask before = ReadNow();
        TallyfyTask other = ReadNow("fedcba9876543210fedcba9876543210");
        _now += TimeSpan.FromMilliseconds(5);
        trust.Changing(before.Id.ToUpperInvariant());
        Assert.False(trust.IsCurrent(before));
        Assert.True(trust.IsCurrent(other)); // another task is not touched

        _now += TimeSpan.FromMilliseconds(5);
        TallyfyTask after = ReadNow();
        Assert.True(trust.IsCurrent(after));
    }

    [Fact]
    public void A_change_in_the_same_instant_as_the_read_makes_the_object_stale()
    {
        TaskReadTrust trust = NewTrust();
        TallyfyTask task = ReadNow();
        trust.Changing(task.Id);
        Assert.False(trust.IsCurrent(task));
    }

    [Fact]
    public void A_task_object_that_was_not_read_or_that_says_it_was_read_in_the_future_is_not_trusted()
    {
        TaskReadTrust trust = NewTrust();
        Assert.False(trust.IsCurrent(new TallyfyTask { Id = "0123456789abcdef0123456789abcdef", Status = "active" }));
        TallyfyTask ahead = ReadNow();
        _now -= TimeSpan.FromSeconds(1); // the machine's clock was set back
        Assert.False(trust.IsCurrent(ahead));
    }

    [Fact]
    public void Changes_older_than_the_window_are_forgotten_so_a_long_session_stays_small_and_answers_the_same()
    {
        TaskReadTrust trust = NewTrust();
        TallyfyTask old = ReadNow("0123456789abcdef0123456789abcdef");
        trust.Changing(old.Id);
        for (int i = 0; i < 2000; i++)
        {
            trust.Changing(i.ToString("x32"));
        }

        _now += TaskReadTrust.TrustFor + TimeSpan.FromSeconds(1);
        TallyfyTask fresh = ReadNow("fedcba9876543210fedcba9876543210");
        for (int i = 0; i < 3000; i++)
        {
            trust.Changing("f" + i.ToString("x31"));
        }

        Assert.Equal(3000, trust.Remembered);    // only the changes inside the window are kept
        Assert.False(trust.IsCurrent(old));        // too old either way
        Assert.True(trust.IsCurrent(fresh));
    }

    [Theory]
    [InlineData("{\"data\":null}")]
    [InlineData("null")]
    [InlineData("{\"data\":[]}")]
    public void A_one_off_task_read_with_its_run_has_none(string run)
    {
        using JsonDocument doc = JsonDocument.Parse("{\"id\":\"0123456789abcdef0123456789abcdef\",\"title\":\"t\",\"status\":\"active\",\"run_id\":null,\"run\":" + run + "}");
        Assert.Null(Mapper.Task(doc.RootElement, "org").Run);
    }

    [Fact]
    public void The_mapper_stamps_each_task_with_the_time_it_was_read()
    {
        DateTime before = DateTime.UtcNow;
        using JsonDocument doc = JsonDocument.Parse("{\"id\":\"0123456789abcdef0123456789abcdef\",\"title\":\"t\",\"status\":\"active\"}");
        TallyfyTask task = Mapper.Task(doc.RootElement, "org");
        Assert.InRange(task.ReadAtUtc, before, DateTime.UtcNow);
        Assert.True(new TaskReadTrust().IsCurrent(task));
    }
}
