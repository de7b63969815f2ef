using System;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>A call that stops at its first failure: the first failed position halts every later one, and only those.</summary>
public sealed class HaltLineTests
{
    [Fact]
    public void Off_it_halts_nothing()
    {
        var halt = new HaltLine();
        halt.Fail(3);
        Assert.False(halt.IsHalted);
        Assert.False(halt.Halts(100));
    }

    [Fact]
    public void On_it_halts_every_later_position_and_keeps_the_first_failure()
    {
        var halt = new HaltLine { Enabled = true };
        Assert.False(halt.Halts(0));
        halt.Fail(5);
        Assert.True(halt.Halts(6));
        Assert.False(halt.Halts(5)); // the failed item itself finishes
        Assert.False(halt.Halts(4)); // earlier items go on
        halt.Fail(9);
        Assert.Equal(5, halt.At);
        halt.Fail(2);
        Assert.Equal(2, halt.At);
        Assert.True(halt.Halts(3));
        Assert.False(halt.Halts(-1)); // a request of no input item (a listing, sign-in)
    }

    [Fact]
    public void A_request_of_a_later_item_is_not_sent_unless_it_undoes_its_own_change()
    {
        using var context = new CallContext();
        context.Halt.Enabled = true;
        RequestCounter later = context.NewCounter();
        later.Position = 7;
        RequestCounter earlier = context.NewCounter();
        earlier.Position = 3;
        context.Halt.Fail(5);
        earlier.EnsureMaySend();
        TallyfyApiException error = Assert.Throws<TallyfyApiException>(() => later.EnsureMaySend());
        Assert.Equal(TallyfyErrorKind.NotSent, error.Kind);
        Assert.Contains("stops at its first failure", error.Message);
        later.Undoing = true;
        later.EnsureMaySend(); // an archived run restored for its backup is archived again
    }

    [Fact]
    public async Task A_later_item_waits_while_an_earlier_one_is_unsettled_and_goes_on_when_it_settles()
    {
        using var context = new CallContext();
        context.Halt.Enabled = true;
        RequestCounter suspect = context.NewCounter();
        suspect.Position = 2;
        RequestCounter later = context.NewCounter();
        later.Position = 5;
        RequestCounter earlier = context.NewCounter();
        earlier.Position = 1;

        suspect.Unsettle(); // a 404 that is yet to be checked
        Assert.True(later.EarlierUnsettled);
        Assert.False(earlier.EarlierUnsettled);
        Assert.False(suspect.EarlierUnsettled); // an item never waits for itself
        await earlier.WaitForEarlierItemsAsync(); // returns at once
        Task waiting = later.WaitForEarlierItemsAsync();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        suspect.Settle();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        suspect.Unsettle(); // a request after its work ended (putting back a restore) holds back no one
        Assert.False(later.EarlierUnsettled);
    }

    [Fact]
    public async Task A_waiting_item_wakes_halted_when_the_unsettled_one_fails()
    {
        using var context = new CallContext();
        context.Halt.Enabled = true;
        RequestCounter suspect = context.NewCounter();
        suspect.Position = 0;
        RequestCounter later = context.NewCounter();
        later.Position = 1;
        suspect.Unsettle();
        Task waiting = later.WaitForEarlierItemsAsync();
        context.Halt.Fail(0);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Throws<TallyfyApiException>(() => later.EnsureMaySend());
    }

    [Fact]
    public void Off_nothing_is_ever_unsettled()
    {
        using var context = new CallContext();
        RequestCounter suspect = context.NewCounter();
        suspect.Position = 0;
        RequestCounter later = context.NewCounter();
        later.Position = 1;
        suspect.Unsettle();
        Assert.False(later.EarlierUnsettled);
        Assert.True(later.WaitForEarlierItemsAsync().IsCompleted);
    }
}
