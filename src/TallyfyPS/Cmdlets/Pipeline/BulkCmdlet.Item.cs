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
    /// <summary>One input item through the bulk pipeline: its read, decision, requests, journal record and result.</summary>
    public abstract partial class BulkCmdlet<TOutcome>
    {
        /// <summary>One input item through the pipeline: its read, decision, requests and result.</summary>
        private sealed partial class Item : OrderedWorkQueue.Entry
        {
            private readonly BulkCmdlet<TOutcome> _owner;
            private readonly WorkItem _item;
            private readonly RequestCounter _requests;
            private readonly string _organizationId;
            private RecordState? _read;
            private TallyfyApiException? _readError;
            private ErrorRecord? _refusal;
            private TOutcome? _outcome;
            private object? _output;
            private bool _outputMade;
            private readonly TallyfyOperationResult? _replay;
            private readonly string? _key;
            private JournalException? _journalError;
            private bool _settled;
            private bool _recorded;
            private bool _delivered;
            private volatile string? _lastStep;

            public Item(BulkCmdlet<TOutcome> owner, WorkItem item)
            {
                _owner = owner;
                _item = item;
                _organizationId = owner.Organization;
                _requests = owner.Context.NewCounter();
                ConfirmationPolicy confirm = owner._confirm!;
                if (item.Refusal is null && owner._journal is JournalFile journal)
                {
                    _key = owner.JournalKey(item);
                    owner._journalKeysTaken.Add(_key);
                    if (journal.Entries.TryGetValue(_key, out JournalEntry? entry))
                    {
                        if (entry.Settled)
                        {
                            _replay = entry.Result;
                            return; // settled by an earlier call: nothing is read or sent
                        }

                        item.Interrupted = entry.Steps;
                    }

                    string key = _key;
                    item.Note = step => journal.Step(key, step);
                }

                Action<string> note = item.Note;
                item.Note = step =>
                {
                    note(step);
                    _lastStep = step; // what a stop that catches the item under way tells of it
                };

                if (item.Refusal is null && (owner.NeedsRead(item) || (item.Name is null && (confirm.WhatIf || confirm.WillPrompt))))
                {
                    Prepare = async _ =>
                    {
                        try
                        {
                            _read = await owner.ReadAsync(item, _organizationId, _requests).ConfigureAwait(false);
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

            public override Func<CallContext, Task>? Decide()
            {
                if (_replay != null)
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
                    if (_read.State == KnownState.Missing && _owner._confirm!.WhatIf)
                    {
                        // Nothing will be sent; say that the id is unknown (a run may read as missing while archived).
                        _refusal = Errors.FromApi(new TallyfyApiException(TallyfyErrorKind.NotFound,
                            $"No {Action.Noun.Name} with this id is visible in organization {_organizationId} (an archived one may be hidden).", 404),
                            Action.Noun, _item.Id, null, _item.Target, 0);
                        return null;
                    }

                    _item.Known = new RecordState(_read.State, _read.Name ?? _item.Name, _read.ArchivedAt ?? _item.Known.ArchivedAt, _read.RunId ?? _item.RunId, _read.ServerDate);
                    _item.WasRead = true;
                }

                _refusal = _owner.Refuse(_item);
                if (_refusal != null)
                {
                    return null;
                }

                if (_owner.Settle(_item) is TOutcome settled)
                {
                    settled.Name ??= _item.Name;
                    _outcome = settled;
                    _settled = true;
                    Record(); // learnt by a read or from the input, nothing sent: the journal holds it all the same
                    return null;
                }

                string target = _owner.Target(_item);
                switch (_owner._confirm!.Confirm(target, Action))
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
                            _outcome = await _owner.SendAsync(_item, _requests).ConfigureAwait(false);
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
                        _journalError = ex; // the call stops when this item is written
                    }
                };
            }

            /// <summary>
            /// Writes the item's outcome to the journal once, however it was learnt: sent, verified after a lost answer, or
            /// settled by a read (a change an interrupted call had sent) or by the input. A rerun replays it.
            /// </summary>
            private void Record()
            {
                if (_key is null || _recorded)
                {
                    return;
                }

                _recorded = true;
                try
                {
                    if (_owner.JournalRecord(_item, _outcome!, Output()) is TallyfyOperationResult result)
                    {
                        _owner._journal?.Result(_key, result);
                    }
                }
                catch (JournalException ex)
                {
                    _journalError = ex; // the call stops when this item is written
                }
            }

            /// <summary>What is written for the item, made once (when its outcome is known): its result, or the record it made.</summary>
            private object? Output()
            {
                if (!_outputMade)
                {
                    _output = _owner.Output(_item, _outcome!, _requests.Sent, _organizationId);
                    _outputMade = true;
                }

                return _output;
            }

            public override void Write()
            {
                BulkProgress progress = _owner._progress!;
                if (_replay != null)
                {
                    WriteOut(_owner.Replayed(_replay), _replay.StatusText);
                    progress.Replayed++;
                    return;
                }

                if (_outcome is null && _journalError != null)
                {
                    _owner.ThrowTerminatingError(Errors.Journal(_journalError, _owner.MyInvocation.MyCommand.Name));
                }

                if (_outcome is null)
                {
                    _delivered = true;
                    if (_refusal != null)
                    {
                        progress.Count("refused");
                        if (!_owner._confirm!.WhatIf && _owner.RefusedResult(_item, _refusal) is TallyfyOperationResult refused)
                        {
                            // An audit of every input: the refused item is a result too, beside its error.
                            string reason = _refusal.ErrorDetails?.Message ?? _refusal.Exception.Message;
                            _owner.WriteObject(_owner.Stamp(refused, null, reason, _requests.Sent, _organizationId, null));
                        }

                        _owner.WriteError(_refusal);
                    }

                    return; // -WhatIf: nothing was sent, nothing is written but its "What if:" line
                }

                if (_settled && _owner._confirm!.WhatIf)
                {
                    _delivered = true;
                    // Nothing would be sent for it: under -WhatIf only a failure is told.
                    if (_outcome.Error is TallyfyApiException failure && ErrorOf(failure) is ErrorRecord failed)
                    {
                        progress.Count("refused");
                        _owner.WriteError(failed);
                    }
                    else
                    {
                        _owner.WriteVerbose($"{_owner.Subject(_item, _outcome.Name)}: {_outcome.StatusText}; nothing would be sent. {_outcome.Message}".TrimEnd());
                    }

                    return;
                }

                WriteOut(Output(), _outcome.StatusText);

                if (_journalError != null)
                {
                    // A journal that can no longer be written keeps no promise: stop rather than go on unrecorded.
                    _owner.ThrowTerminatingError(Errors.Journal(_journalError, _owner.MyInvocation.MyCommand.Name));
                }

                if (_outcome.Error is TallyfyApiException error)
                {
                    ErrorRecord? record = ErrorOf(error);
                    if (record != null)
                    {
                        _owner.WriteError(record);
                    }
                }
            }
        }
    }
}
