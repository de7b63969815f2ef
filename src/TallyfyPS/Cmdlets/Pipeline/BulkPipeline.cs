using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The life of every item of a bulk cmdlet (remove, restore, launch, ...): read it first where a prompt or the
    /// operation needs to, confirm it on the pipeline thread in input order, send it concurrently (-ThrottleLimit at
    /// once), write its result and error in input order, with progress and a summary. A bulk cmdlet owns one, made in its
    /// BeginProcessing, and gives it its <see cref="IBulkOperation{TItem, TOutcome}"/>: what is particular to it.
    /// When the pipeline stops (Select-Object -First, -ErrorAction Stop, a terminating error or break downstream, Ctrl+C),
    /// nothing more is sent, what is under way is waited for, and every change that was applied but not written as a
    /// result is told in a warning.
    /// </summary>
    internal sealed partial class BulkPipeline<TItem, TOutcome>
        where TOutcome : RecordOutcome, new()
    {
        private readonly TallyfyCmdlet _cmdlet;
        private readonly IBulkOperation<TItem, TOutcome> _operation;
        private readonly IJournaled<TItem, TOutcome>? _journaled;
        private readonly IDescribesItems<TItem>? _describes;
        private readonly OrderedWorkQueue _queue;
        private readonly ConfirmationPolicy _confirm;
        private readonly BulkProgress _progress;
        private readonly InputReader _reader;
        private readonly JournalStage? _journal;
        private readonly string _organizationId;
        private readonly string? _performedBy;
        private bool _notAttemptedTold;

        /// <param name="cmdlet">The cmdlet whose call this is (its BeginProcessing makes the pipeline).</param>
        /// <param name="user">Who acts, as every result says (the session's user).</param>
        /// <param name="journal">-Journal, where the cmdlet declares it: a file that records each item's outcome.</param>
        /// <param name="journalAction">What the journal's header names as the action, where the verb alone does not say (another tag).</param>
        public BulkPipeline(TallyfyCmdlet cmdlet, string organizationId, TallyfyUser user, BulkAction action, IBulkOperation<TItem, TOutcome> operation,
            int throttleLimit, string? journal = null, Func<string>? journalAction = null)
        {
            _cmdlet = cmdlet;
            _operation = operation;
            _journaled = operation as IJournaled<TItem, TOutcome>;
            _describes = operation as IDescribesItems<TItem>;
            _organizationId = organizationId;
            Action = action;
            _confirm = new ConfirmationPolicy(cmdlet, action.HighImpact);
            _confirm.EnsureCanPrompt($"{Words.ThirdPerson(action.Verb)} each {action.Noun.Name}");
            _progress = new BulkProgress(cmdlet, action.Progress);
            _reader = new InputReader(action.Input, organizationId, cmdlet.MyInvocation.MyCommand.Name);
            _queue = cmdlet.Queue(throttleLimit, () => _progress.Show(_queue!.Written));
            cmdlet.Context.Halt.Enabled = cmdlet.StopsAtFirstError(); // -ErrorAction Stop: nothing is sent for an item after one that failed
            // Who acts, for every result: the session's user as GET /me named it at sign-in (every sign-in kind reads it).
            _performedBy = ResultStamp.PerformedBy(user);
            if (journal != null && !_confirm.WhatIf)
            {
                _journal = new JournalStage(cmdlet, journal, organizationId, journalAction ?? (() => action.Verb));
            }

            cmdlet.ReportStopsWith(Stopped);
        }

        /// <summary>What the call does: kind of record, verb, progress text, whether it is irreversible.</summary>
        public BulkAction Action { get; }

        /// <summary>Whether the call runs under -WhatIf (nothing is sent or written to disk).</summary>
        public bool WhatIf => _confirm.WhatIf;

        /// <summary>The call's journal once opened (null without -Journal, under -WhatIf, or before the first input).</summary>
        public Journal.JournalFile? JournalFile => _journal?.File;

        /// <summary>The items of one ProcessRecord call, read by the operation, into the queue.</summary>
        /// <param name="argumentCount">How many items the call was given as an argument (for progress); null when they stream in.</param>
        public void Take(int? argumentCount) => _cmdlet.Guarded(() =>
        {
            _journal?.Open();
            _progress.Took(0, _cmdlet.MyInvocation.ExpectingInput ? null : argumentCount);
            foreach (WorkItem<TItem> item in _operation.Read(_reader))
            {
                _queue.Add(new Item(this, item), () => _progress.Took(1, null));
            }
        });

        /// <summary>The call's end: what an earlier journalled call left under way, every item written, the summary.</summary>
        public void Finish() => _cmdlet.Guarded(() =>
        {
            SettleLeftovers();
            _queue.Drain();
            _journal?.Close();
            _cmdlet.Completed();
            _progress.Complete();
            _progress.WriteSummary(_progress.Summary(Action.Noun.Name));
        });

        /// <summary>Fills in what every result carries: the last answer, the requests sent, when, where and who.</summary>
        private TallyfyOperationResult Stamp(TallyfyOperationResult result, int? httpStatus, string? message, int attempts, string? requestId) =>
            ResultStamp.Fill(result, _performedBy, httpStatus, requestId, message, attempts, _organizationId);

        /// <summary>What is written for a finished item: the operation's output, a result stamped with the common fields.</summary>
        private object? Output(WorkItem<TItem> item, TOutcome outcome, int attempts)
        {
            object? output = _operation.Output(item, outcome);
            return output is TallyfyOperationResult result ? Stamp(result, outcome.HttpStatus, outcome.Message, attempts, outcome.RequestId) : output;
        }

        /// <summary>
        /// The read a prompt or -WhatIf makes of an item whose name is not known, where the operation makes none of its own: the
        /// record's state and name (null where the action names no kind of record).
        /// </summary>
        private Func<RequestCounter, Task<RecordState>>? ReadRecord(WorkItem item)
        {
            if (!(Action.Records is RecordKind kind))
            {
                return null;
            }

            TallyfyApi api = _cmdlet.Api;
            return requests => api.Records(kind).ReadAsync(_organizationId, item.Id, requests);
        }

        /// <summary>The item as prompts and -WhatIf name it: "'Q3 audit' (run 9f2c...)".</summary>
        private string Target(WorkItem<TItem> item) => _describes?.Describe(item).Target
            ?? (item.Name is null ? $"{Action.Noun.Name} {item.Id}" : $"'{item.Name}' ({Action.Noun.Name} {item.Id})");

        /// <summary>The item as its error messages begin: "Run 'Q3 audit' (9f2c...)".</summary>
        private string Subject(WorkItem<TItem> item, string? name) => _describes?.Describe(item).Subject ?? Action.Noun.Describe(item.Id, name);

        /// <summary>How to check an item whose request was under way when the call stopped.</summary>
        private string CheckAdvice(WorkItem<TItem> item) => _describes?.Describe(item).CheckAdvice
            ?? $"Check with {Action.Noun.GetCommand} -Id {item.Id}{(Action.CheckNote is null ? "." : $" ({Action.CheckNote}).")}";

        /// <summary>
        /// At the end of a journalled call: the items an earlier call left under way that this call was not given again are
        /// settled too, by their id, so the journal holds a result for each.
        /// </summary>
        private void SettleLeftovers()
        {
            _journal?.Open();
            IReadOnlyList<string> left = _journal?.Leftovers() ?? Array.Empty<string>();
            if (left.Count == 0)
            {
                return;
            }

            _cmdlet.WriteVerbose($"Journal: {Words.Count(left.Count, Action.Noun.Name)} that an earlier call left under way and this one was not given {(left.Count == 1 ? "is" : "are")} settled now: {string.Join(", ", left)}.");
            foreach (WorkItem input in _reader.FromIds(left))
            {
                _queue.Add(new Item(this, new WorkItem<TItem>(input, default!)), () => _progress.Took(1, null));
            }
        }
    }
}
