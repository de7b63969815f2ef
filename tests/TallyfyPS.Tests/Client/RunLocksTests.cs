using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>RunLocks: the changes of one run wait for its first answer, and a run known locked sends nothing more.</summary>
public sealed class RunLocksTests
{
    private const string Run = "0123456789abcdef0123456789abcdef";

    private static TaskWorkOutcome Locked() => Failed(new TallyfyApiException(TallyfyErrorKind.Invalid, "This process has an open issue. Resolve it before changing its tasks.", 422));

    private static TaskWorkOutcome Failed(TallyfyApiException error) => new TaskWorkOutcome { Error = error, HttpStatus = error.StatusCode };

    private static Task<TaskWorkOutcome?> Send(RunLocks locks, string? run, TaskCompletionSource<TaskWorkOutcome> answer, List<int> sent, int n) =>
        locks.SendAsync(run, () =>
        {
            lock (sent)
            {
                sent.Add(n);
            }

            return answer.Task;
        }, o => RunLocks.IsLockAnswer(o.Error));

    [Fact]
    public async Task ManyChangesOfALockedRun_SendOne()
    {
        var locks = new RunLocks();
        var answer = new TaskCompletionSource<TaskWorkOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = new List<int>();
        var all = Enumerable.Range(0, 5).Select(n => Send(locks, Run, answer, sent, n)).ToList();
        Assert.Single(sent);                       // the others wait for the first answer
        answer.SetResult(Locked());
        var outcomes = await Task.WhenAll(all);
        Assert.Single(sent);
        Assert.Equal(1, outcomes.Count(o => o != null)); // the probe's own 422; the others were not sent (null)
        Assert.True(locks.IsLocked(Run));
    }

    [Fact]
    public async Task AnOpenRun_LetsTheOthersGoAfterTheFirstAnswer()
    {
        var locks = new RunLocks();
        var answer = new TaskCompletionSource<TaskWorkOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = new List<int>();
        var all = Enumerable.Range(0, 4).Select(n => Send(locks, Run, answer, sent, n)).ToList();
        answer.SetResult(new TaskWorkOutcome { Status = TallyfyPS.Model.TallyfyTaskCompletionStatus.Completed });
        var outcomes = await Task.WhenAll(all);
        Assert.Equal(4, sent.Count);
        Assert.All(outcomes, Assert.NotNull);
        Assert.False(locks.IsLocked(Run));
    }

    [Fact]
    public async Task AnotherFailure_HandsTheProbeToTheNext()
    {
        var locks = new RunLocks();
        var first = new TaskCompletionSource<TaskWorkOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = new TaskCompletionSource<TaskWorkOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondSent = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = new List<int>();
        Task<TaskWorkOutcome?> Change(int n) => locks.SendAsync(Run, () =>
        {
            lock (sent)
            {
                sent.Add(n);
                if (sent.Count == 2)
                {
                    secondSent.TrySetResult(true);
                }
            }

            return n == 0 ? first.Task : next.Task;
        }, o => RunLocks.IsLockAnswer(o.Error));

        var one = Change(0);
        var two = Change(1);
        var three = Change(2);
        Assert.Single(sent);
        first.SetResult(Failed(new TallyfyApiException(TallyfyErrorKind.NotFound, "Resource not found", 404)));
        await one;
        await secondSent.Task;                       // a 404 says nothing of the lock: one of the waiting two probes next
        lock (sent)
        {
            Assert.Equal(2, sent.Count);             // and the other still waits for it
        }

        next.SetResult(Locked());
        var outcomes = await Task.WhenAll(two, three);
        Assert.Equal(2, sent.Count);
        Assert.Equal(1, outcomes.Count(o => o is null));
    }

    [Fact]
    public async Task WithoutARun_SendsAtOnce()
    {
        var locks = new RunLocks();
        var answer = new TaskCompletionSource<TaskWorkOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        answer.SetResult(Locked());
        var sent = new List<int>();
        await Task.WhenAll(Send(locks, null, answer, sent, 0), Send(locks, null, answer, sent, 1));
        Assert.Equal(2, sent.Count);
    }
}
