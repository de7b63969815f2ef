using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Wait-TallyfyTask's and Wait-TallyfyRun's one poll loop for every record of the call: each round reads every record
    /// still awaited (a few at once, through the client, which waits out 429s), writes those that reached the status asked
    /// for, and then sleeps: -Interval at first, longer (up to <see cref="MaxInterval"/>) while nothing changes, never past
    /// the deadline. An unknown id is an error for that record alone; a failure that may pass (no answer, 5xx, throttling)
    /// is tried again next round. On the pipeline thread; Ctrl+C ends the sleep at once.
    /// </summary>
    internal sealed class WaitLoop<T>
        where T : class
    {
        internal const int ActivityId = 0x7A13;
        private const int ReadsAtOnce = 8;

        /// <summary>The longest sleep between two rounds, whatever -Interval says: 2 minutes, or -Interval if longer.</summary>
        private static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(2);

        private readonly TallyfyCmdlet _cmdlet;
        private readonly Noun _noun;
        private readonly Func<string, RequestCounter, Task<T>> _read;
        private readonly Func<T, string?> _status;
        private readonly Func<T, string?> _name;
        private readonly IReadOnlyCollection<string> _wanted;
        private readonly List<Waited> _waiting = new List<Waited>();

        public WaitLoop(TallyfyCmdlet cmdlet, Noun noun, IReadOnlyCollection<string> wanted, Func<string, RequestCounter, Task<T>> read, Func<T, string?> status, Func<T, string?> name)
        {
            _cmdlet = cmdlet;
            _noun = noun;
            _wanted = wanted;
            _read = read;
            _status = status;
            _name = name;
        }

        private string Wanted => string.Join(" or ", _wanted);

        /// <summary>An error for a record whose state can no longer become one wanted (an approval rejected); null to go on waiting.</summary>
        public Func<T, ErrorRecord?>? Refuses { get; set; }

        /// <summary>Takes one input: a refusal is written at once; a record is awaited from the first round.</summary>
        public void Add(WorkItem item)
        {
            if (item.Refusal != null)
            {
                _cmdlet.WriteError(item.Refusal);
                return;
            }

            _waiting.Add(new Waited(item));
        }

        /// <summary>Waits for every record taken (or, with <paramref name="any"/>, the first), then reports those that timed out.</summary>
        public void Run(TimeSpan timeout, TimeSpan interval, bool any, string command)
        {
            if (_waiting.Count == 0)
            {
                return;
            }

            DateTimeOffset deadline = DateTimeOffset.UtcNow + timeout;
            TimeSpan sleep = interval;
            TimeSpan cap = interval > MaxInterval ? interval : MaxInterval;
            int total = _waiting.Count;
            int rounds = 0;
            try
            {
                while (_waiting.Count > 0)
                {
                    rounds++;
                    TimeSpan? asked = ReadAll();
                    bool changed = false;
                    foreach (Waited w in _waiting.ToList())
                    {
                        changed |= w.Changed;
                        if (w.Failure is TallyfyApiException ex && !MayPass(ex))
                        {
                            _waiting.Remove(w);
                            _cmdlet.WriteError(Errors.FromApi(ex, _noun, w.Item.Id, w.Name, w.Item.Target, w.Checks));
                        }
                        else if (w.Last is T seen && w.Failure is null && _wanted.Contains(_status(seen) ?? string.Empty, StringComparer.OrdinalIgnoreCase))
                        {
                            _waiting.Remove(w);
                            _cmdlet.WriteObject(seen);
                            if (any)
                            {
                                _waiting.Clear();
                                return;
                            }
                        }
                        else if (w.Last is T final && w.Failure is null && Refuses?.Invoke(final) is ErrorRecord refused)
                        {
                            _waiting.Remove(w);
                            _cmdlet.WriteError(refused);
                        }
                        else if (w.Failure is TallyfyApiException passing)
                        {
                            _cmdlet.WriteVerbose($"{_noun.Describe(w.Item.Id, w.Name)} could not be read this time ({passing.Message.TrimEnd('.')}); it is read again next round.");
                        }
                    }

                    TimeSpan left = deadline - DateTimeOffset.UtcNow;
                    if (_waiting.Count == 0 || left <= TimeSpan.Zero)
                    {
                        break;
                    }

                    sleep = changed ? interval : TimeSpan.FromTicks(Math.Min(cap.Ticks, (long)(sleep.Ticks * 1.5)));
                    TimeSpan next = asked is TimeSpan wait && wait > sleep ? wait : sleep;
                    next = next < left ? next : left;
                    Progress(total, rounds, next);
                    Sleep(next);
                }

                foreach (Waited w in _waiting)
                {
                    _cmdlet.WriteError(Errors.WaitTimedOut(_noun, w.Item.Id, w.Name, Wanted, w.Last is T last ? _status(last) : null, timeout, w.Checks, w.Last, command));
                }

                _waiting.Clear();
            }
            finally
            {
                _cmdlet.WriteProgress(new ProgressRecord(ActivityId, Activity(total), "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>No answer, 5xx, throttling (a cap too), or a service judged gone for the round: the next round may do better.</summary>
        private static bool MayPass(TallyfyApiException ex) =>
            ex.Kind == TallyfyErrorKind.Transport || ex.Kind == TallyfyErrorKind.ServerError || ex.Kind == TallyfyErrorKind.RateLimited ||
            ex.Kind == TallyfyErrorKind.InvalidResponse ||
            (ex.Kind == TallyfyErrorKind.NotSent && (ex.NotSentReason == NotSentReason.RateLimited || ex.NotSentReason == NotSentReason.ServiceUnavailable));

        /// <summary>One round: every awaited record read, a few at once; returns the longest wait an hourly cap asked for.</summary>
        private TimeSpan? ReadAll()
        {
            using CallContext round = _cmdlet.NewRoundContext();
            using var slots = new SemaphoreSlim(ReadsAtOnce);
            Task<bool>[] reads = _waiting.Select(w => Task.Run(async () =>
            {
                await slots.WaitAsync(round.Stop).ConfigureAwait(false);
                try
                {
                    RequestCounter counter = round.NewCounter();
                    try
                    {
                        T value = await _read(w.Item.Id, counter).ConfigureAwait(false);
                        w.Seen(value, _status(value), _name(value));
                    }
                    catch (TallyfyApiException ex)
                    {
                        w.Failed(ex);
                    }
                }
                finally
                {
                    slots.Release();
                }

                return true;
            })).ToArray();
            _cmdlet.Await(Task.WhenAll(reads));
            if (_cmdlet.Context.Stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException(); // Ctrl+C during the round: what it could not read is not an error
            }
            TimeSpan? asked = null;
            foreach (Waited w in _waiting)
            {
                if (w.Failure?.Limit is RateLimitInfo limit && (asked is null || limit.Wait > asked))
                {
                    asked = limit.Wait;
                }
            }

            return asked;
        }

        /// <summary>Sleeps until the next round; Ctrl+C (the call's stop) ends it at once and stops the pipeline.</summary>
        private void Sleep(TimeSpan wait)
        {
            CancellationToken stop = _cmdlet.Context.Stop;
            if (stop.WaitHandle.WaitOne(wait))
            {
                throw new PipelineStoppedException();
            }
        }

        private void Progress(int total, int rounds, TimeSpan next)
        {
            int done = total - _waiting.Count;
            string states = string.Join(", ", _waiting.GroupBy(w => w.Status ?? "unread").Select(g => $"{g.Count()} {g.Key}"));
            var record = new ProgressRecord(ActivityId, Activity(total),
                $"{done} of {total} {Wanted}; waiting for {states}; check {rounds + 1} in {Words.Duration(next)}")
            {
                PercentComplete = total == 0 ? 100 : done * 100 / total,
            };
            _cmdlet.WriteProgress(record);
        }

        private string Activity(int total) => $"Waiting for {Words.Count(total, _noun.Name)} to become {Wanted}";

        /// <summary>One record awaited: what the last read saw (or why it failed), and how often it was read.</summary>
        private sealed class Waited
        {
            public Waited(WorkItem item)
            {
                Item = item;
                Name = item.Name;
            }

            public WorkItem Item { get; }

            public T? Last { get; private set; }

            public string? Status { get; private set; }

            public string? Name { get; private set; }

            public TallyfyApiException? Failure { get; private set; }

            public int Checks { get; private set; }

            public bool Changed { get; private set; }

            public void Seen(T value, string? status, string? name)
            {
                Checks++;
                Changed = Last != null && !string.Equals(Status, status, StringComparison.OrdinalIgnoreCase);
                Last = value;
                Status = status;
                Name = name ?? Name;
                Failure = null;
            }

            public void Failed(TallyfyApiException ex)
            {
                Checks++;
                Changed = false;
                Failure = ex;
            }
        }
    }
}
