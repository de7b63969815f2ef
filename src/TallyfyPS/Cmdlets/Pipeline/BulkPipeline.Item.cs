using System;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Journal;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>One input item through the bulk pipeline: its read, decision, requests and result.</summary>
    internal sealed partial class BulkPipeline<TItem, TOutcome>
    {
        /// <summary>One input item through the pipeline: its read, decision, requests and result, in the order they happen.</summary>
        private sealed partial class Item : OrderedWorkQueue.Entry
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
                if (_journal?.Replay != null)
                {
                    return; // settled by an earlier call: nothing is read or sent
                }

                Action<string> note = item.Note;
                item.Note = step =>
                {
                    note(step);
                    _lastStep = step; // what a stop that catches the item under way tells of it
                };

                ConfirmationPolicy confirm = owner._confirm;
                bool nameWanted = item.Name is null && (confirm.WhatIf || confirm.WillPrompt);
                if (item.Refusal is null && (owner._operation.Prepare(item, nameWanted) ?? (nameWanted ? owner.ReadRecord(item) : null)) is Func<RequestCounter, Task<RecordState>> read)
                {
                    Prepare = async _ =>
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
            }

            private BulkAction Action => _owner.Action;

            private TallyfyOperationResult? Replay => _journal?.Replay;

            public override Func<CallContext, Task>? Decide()
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

            public override void Write()
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
                        if (!_owner._confirm.WhatIf && _owner._operation.Output(_item, null) is TallyfyOperationResult refused)
                        {
                            // An audit of every input: the refused item is a result too, beside its error.
                            string reason = _refusal.ErrorDetails?.Message ?? _refusal.Exception.Message;
                            _owner._cmdlet.WriteObject(_owner.Stamp(refused, null, reason, _requests.Sent, null));
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
