using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Journal;
using TallyfyPS.Model;
using TallyfyPS.Operations;

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
        private readonly string? _journalPath;
        private readonly bool _takesJournal;
        private readonly HashSet<string> _limitsTold = new HashSet<string>(StringComparer.Ordinal);
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
            // What a RateLimited error advises: rerun with this journal, with one (where the cmdlet declares -Journal), or without.
            _journalPath = journal;
            _takesJournal = cmdlet.MyInvocation.MyCommand.Parameters.ContainsKey("Journal");
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
                _queue.Add(new Item(this, item).Entry, () => _progress.Took(1, null));
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
            if (output is ResultList many)
            {
                foreach (TallyfyOperationResult each in many)
                {
                    Stamp(each, each.HttpStatus ?? outcome.HttpStatus, each.Message ?? outcome.Message, attempts, outcome.RequestId);
                }

                return many;
            }

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

            TallyfyOperations api = _cmdlet.Ops;
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
                _queue.Add(new Item(this, new WorkItem<TItem>(input, default!)).Entry, () => _progress.Took(1, null));
            }
        }

        /// <summary>One input item through the pipeline: its read, decision, requests and result, in the order they happen.</summary>
        private sealed partial class Item
        {
            private readonly BulkPipeline<TItem, TOutcome> _owner;
            private readonly WorkItem<TItem> _item;
            private readonly RequestCounter _requests;
            private readonly JournalStage.Slot? _journal;
            private RecordState? _read;
            private TallyfyApiException? _readError;
            private ErrorRecord? _refusal;
            private TOutcome? _outcome;
            private object? _output;
            private bool _outputMade;
            private bool _settled;
            private bool _delivered;
            private volatile string? _lastStep;

            public Item(BulkPipeline<TItem, TOutcome> owner, WorkItem<TItem> item)
            {
                _owner = owner;
                _item = item;
                _requests = owner._cmdlet.Context.NewCounter();
                _journal = owner._journal?.Enter(item);
                Func<CallContext, Task>? prepare = _journal?.Replay is null ? Begin() : null; // settled by an earlier call: nothing is read or sent
                Entry = new OrderedWorkQueue.Entry(this, _requests, prepare, Decide, Write, () => Failed, () => _delivered, Halted);
            }

            /// <summary>Its place in the call's queue.</summary>
            public OrderedWorkQueue.Entry Entry { get; }

            /// <summary>The item under way: its steps noted for a stop to tell, and its read before confirmation, if any.</summary>
            private Func<CallContext, Task>? Begin()
            {
                Action<string> note = _item.Note;
                _item.Note = step =>
                {
                    note(step);
                    _lastStep = step; // what a stop that catches the item under way tells of it
                };

                ConfirmationPolicy confirm = _owner._confirm;
                bool nameWanted = _item.Name is null && (confirm.WhatIf || confirm.WillPrompt);
                if (_item.Refusal != null || !((_owner._operation.Prepare(_item, nameWanted) ?? (nameWanted ? _owner.ReadRecord(_item) : null)) is Func<RequestCounter, Task<RecordState>> read))
                {
                    return null;
                }

                return async _ =>
                {
                    try
                    {
                        _read = await read(_requests).ConfigureAwait(false);
                        _requests.LookedUp(); // the look-up uses MaxRetries too: an item sends at most MaxRetries + 1
                    }
                    catch (TallyfyApiException ex)
                    {
                        _readError = ex;
                    }
                };
            }

            private BulkAction Action => _owner.Action;

            private TallyfyOperationResult? Replay => _journal?.Replay;

            private Func<CallContext, Task>? Decide()
            {
                if (Replay != null)
                {
                    return null;
                }

                if (_item.Refusal != null)
                {
                    _refusal = _item.Refusal;
                    return null;
                }

                if (_readError != null)
                {
                    _outcome = new TOutcome { Name = _item.Name };
                    _outcome.Fail(_readError, _requests.Sent);
                    if (_requests.Sent > 0)
                    {
                        Record(); // learnt by its read (a task or run that is gone is NotFound, settled)
                    }
                    return null;
                }

                if (_read != null)
                {
                    if (_read.State == KnownState.Missing && _owner._confirm.WhatIf)
                    {
                        // Nothing will be sent; say that the id is unknown (a run may read as missing while archived).
                        _refusal = Errors.FromApi(new TallyfyApiException(TallyfyErrorKind.NotFound,
                            $"No {Action.Noun.Name} with this id is visible in organization {_owner._organizationId} (an archived one may be hidden).", 404),
                            Action.Noun, _item.Id, null, _item.Target, 0);
                        return null;
                    }

                    _item.Known = new RecordState(_read.State, _read.Name ?? _item.Name, _read.ArchivedAt ?? _item.Known.ArchivedAt, _read.RunId ?? _item.RunId, _read.ServerDate);
                    _item.WasRead = true;
                }

                Verdict<TOutcome> verdict = _owner._operation.Decide(_item);
                _refusal = verdict.Refusal;
                if (_refusal != null)
                {
                    return null;
                }

                if (verdict.Settled is TOutcome settled)
                {
                    settled.Name ??= _item.Name;
                    _outcome = settled;
                    _settled = true;
                    Record(); // learnt by a read or from the input, nothing sent: the journal holds it all the same
                    return null;
                }

                string target = _owner.Target(_item);
                switch (_owner._confirm.Confirm(target, Action))
                {
                    case Confirmation.WhatIf:
                        return null;
                    case Confirmation.Declined:
                        _outcome = new TOutcome { Name = _item.Name };
                        _outcome.Skip();
                        return null;
                }

                return async _ =>
                {
                    try
                    {
                        try
                        {
                            _outcome = await _owner._operation.SendAsync(_item, _requests).ConfigureAwait(false);
                        }
                        catch (TallyfyApiException ex)
                        {
                            _outcome = new TOutcome { Name = _item.Name };
                            _outcome.Fail(ex, _requests.Sent);
                        }

                        // The moment it is known: a process killed after this line loses nothing of this item.
                        if (_requests.Sent > 0)
                        {
                            Record();
                        }
                    }
                    catch (JournalException ex)
                    {
                        _journal?.Failed(ex); // the call stops when this item is written
                    }
                };
            }

            /// <summary>The item's outcome into the journal (once), however it was learnt.</summary>
            private void Record() => _journal?.Record(() =>
                _owner._journaled is IJournaled<TItem, TOutcome> journaled ? journaled.Record(_item, _outcome!, Output()) : Output() as TallyfyOperationResult);

            /// <summary>What is written for the item, made once (when its outcome is known): its result, or the record it made.</summary>
            private object? Output()
            {
                if (!_outputMade)
                {
                    _output = _owner.Output(_item, _outcome!, _requests.Sent);
                    _outputMade = true;
                }

                return _output;
            }

            private void Write()
            {
                BulkProgress progress = _owner._progress;
                if (Replay is TallyfyOperationResult replay)
                {
                    WriteOut(_owner._journaled is IJournaled<TItem, TOutcome> journaled ? journaled.Replay(replay) : replay, replay.StatusText);
                    progress.Replayed++;
                    return;
                }

                if (_outcome is null && _journal?.Error is JournalException lost)
                {
                    _owner._journal!.Fail(lost);
                }

                if (_outcome is null)
                {
                    _delivered = true;
                    if (_refusal != null)
                    {
                        progress.Count("refused");
                        object? refusedOutput = _owner._confirm.WhatIf ? null : _owner._operation.Output(_item, null);
                        string reason = _refusal.ErrorDetails?.Message ?? _refusal.Exception.Message;
                        if (refusedOutput is TallyfyOperationResult refused)
                        {
                            // An audit of every input: the refused item is a result too, beside its error.
                            _owner._cmdlet.WriteObject(_owner.Stamp(refused, null, reason, _requests.Sent, null));
                        }
                        else if (refusedOutput is ResultList refusedRows)
                        {
                            foreach (TallyfyOperationResult row in refusedRows)
                            {
                                _owner._cmdlet.WriteObject(_owner.Stamp(row, null, row.Message ?? reason, _requests.Sent, null));
                            }
                        }

                        _owner._cmdlet.WriteError(_refusal);
                    }

                    return; // -WhatIf: nothing was sent, nothing is written but its "What if:" line
                }

                if (_settled && _owner._confirm.WhatIf)
                {
                    _delivered = true;
                    // Nothing would be sent for it: under -WhatIf only a failure is told.
                    if (_outcome.Error is TallyfyApiException failure && ErrorOf(failure) is ErrorRecord failed)
                    {
                        progress.Count("refused");
                        _owner._cmdlet.WriteError(failed);
                    }
                    else
                    {
                        _owner._cmdlet.WriteVerbose($"{_owner.Subject(_item, _outcome.Name)}: {_outcome.StatusText}; nothing would be sent. {_outcome.Message}".TrimEnd());
                    }

                    return;
                }

                WriteOut(Output(), _outcome.StatusText);

                if (_journal?.Error is JournalException error)
                {
                    // A journal that can no longer be written keeps no promise: stop rather than go on unrecorded.
                    _owner._journal!.Fail(error);
                }

                if (_outcome.Error is TallyfyApiException problem)
                {
                    ErrorRecord? record = ErrorOf(problem);
                    if (record != null)
                    {
                        _owner._cmdlet.WriteError(record);
                    }
                }
            }
        }
    }
}
