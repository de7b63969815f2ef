using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Journal;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The life of every item of a bulk cmdlet (remove, restore, ...): read it first where a prompt or the
    /// operation needs to, confirm it on the pipeline thread in input order, send it concurrently
    /// (-ThrottleLimit at once), write its result and error in input order, with progress and a summary.
    /// A cmdlet says only what is particular to it, in the four members of "the operation" below.
    /// When the pipeline stops (Select-Object -First, -ErrorAction Stop, a terminating error or break
    /// downstream, Ctrl+C), nothing more is sent, what is under way is waited for, and every change that
    /// was applied but not written as a result is told in a warning.
    /// </summary>
    public abstract class BulkCmdlet<TOutcome> : SessionCmdlet
        where TOutcome : RecordOutcome, new()
    {
        private OrderedWorkQueue? _queue;
        private JournalFile? _journal;
        private bool _journalOpened;
        private ConfirmationPolicy? _confirm;
        private BulkProgress? _progress;
        private InputReader? _reader;
        private bool _notAttemptedTold;
        private string? _performedBy;

        /// <summary>How many requests may be in flight at once. Default 16.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>
        /// A file that records each item's outcome the moment it is known. Run the same command again with the same
        /// journal (after a crash, a restart, Ctrl+C) and items already settled get their recorded result, with nothing
        /// sent for them.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Journal { get; set; }

        // ------------------------------------------------------------------ the operation

        /// <summary>What the call does: kind of record, verb, progress text, whether it is irreversible.</summary>
        internal abstract BulkAction Action { get; }

        /// <summary>Whether this item must be read before it is confirmed, even when no prompt needs its name.</summary>
        internal virtual bool NeedsRead(WorkItem item) => false;

        /// <summary>An error that refuses the item without sending anything (after its read, if any), or null.</summary>
        internal virtual ErrorRecord? Refuse(WorkItem item) => null;

        /// <summary>
        /// An outcome known without sending anything (after the item's read, before any prompt): a task that is
        /// completed already, a run that has the tag already. The item is not confirmed or sent, and the outcome is its
        /// result (under -WhatIf only its error, if any, is written, and a verbose line says why nothing would be sent).
        /// Null: confirm and send.
        /// </summary>
        internal virtual TOutcome? Settle(WorkItem item) => null;

        /// <summary>The requests for a confirmed item, all sent through <paramref name="requests"/>.</summary>
        internal abstract Task<TOutcome> SendAsync(WorkItem item, RequestCounter requests);

        /// <summary>The result object of an item (the common fields are filled in by the pipeline).</summary>
        internal virtual TallyfyOperationResult ToResult(WorkItem item, TOutcome outcome) =>
            throw new InvalidOperationException($"{GetType().Name} writes results but says nothing of them: override ToResult (or Output).");

        // ------------------------------------------------------------------ how items are named and written (defaults fit the removal cmdlets)

        /// <summary>
        /// What is written for a finished item: by default its result object (<see cref="ToResult"/>, common fields
        /// filled in). A cmdlet that makes records (a launch, an update) writes the record instead, or nothing for a
        /// failure (its error is written either way).
        /// </summary>
        internal virtual object? Output(WorkItem item, TOutcome outcome, int attempts, string organizationId) =>
            Stamp(ToResult(item, outcome), outcome.HttpStatus, outcome.Message, attempts, organizationId, outcome.RequestId);

        /// <summary>
        /// The result of an item refused before anything was sent for it (its error is written as well), or null: only the
        /// error. Cmdlets whose output is an audit of every input (a launch, an update) say Refused here.
        /// </summary>
        internal virtual TallyfyOperationResult? RefusedResult(WorkItem item, ErrorRecord refusal) => null;

        /// <summary>Who acts, as every result says (the session user's email).</summary>
        internal string? PerformedBy => _performedBy;

        /// <summary>Fills in what every result carries: the last answer, the requests sent, when, where and who.</summary>
        internal TallyfyOperationResult Stamp(TallyfyOperationResult result, int? httpStatus, string? message, int attempts, string organizationId, string? requestId)
        {
            result.HttpStatus = httpStatus;
            result.Message = message;
            result.Attempts = attempts;
            result.CompletedAt = new TallyfyTimestamp(DateTimeOffset.Now);
            result.OrganizationId = organizationId;
            result.RequestId = requestId;
            result.PerformedBy = _performedBy;
            return result;
        }

        /// <summary>The item as prompts and -WhatIf name it: "'Q3 audit' (run 9f2c...)".</summary>
        internal virtual string Target(WorkItem item) =>
            item.Name is null ? $"{Action.Noun.Name} {item.Id}" : $"'{item.Name}' ({Action.Noun.Name} {item.Id})";

        /// <summary>The item as its error messages begin: "Run 'Q3 audit' (9f2c...)".</summary>
        internal virtual string Subject(WorkItem item, string? name) => Action.Noun.Describe(item.Id, name);

        /// <summary>The error record of a failed item where the cmdlet knows better than the default (null: the default).</summary>
        internal virtual ErrorRecord? ErrorFor(WorkItem item, TOutcome outcome, TallyfyApiException error) => null;

        /// <summary>How to check an item whose request was under way when the call stopped.</summary>
        internal virtual string CheckAdvice(WorkItem item) => $"Check with {Action.Noun.GetCommand} -Id {item.Id}.";

        // ------------------------------------------------------------------ input and switches

        /// <summary>The items bound in this ProcessRecord call.</summary>
        internal abstract IEnumerable<WorkItem> ReadInput(InputReader reader);

        /// <summary>How many items the call was given as an argument (for progress), or null when they stream in.</summary>
        internal abstract int? ArgumentCount { get; }

        /// <summary>What identifies an item in the journal (its id; a launch uses its row).</summary>
        internal virtual string JournalKey(WorkItem item) => item.Id;

        /// <summary>
        /// What the journal's header records as the action: a rerun with another action (another tag, another
        /// template) is refused rather than replayed. Read when the first input arrives, after BeginProcessing.
        /// </summary>
        internal virtual string JournalAction => Action.Verb;

        /// <summary>
        /// What the journal records of a finished item (null: nothing, and a rerun sends it again): by default the
        /// result written. A cmdlet whose output is a record (a launch) records a result that can bring it back.
        /// </summary>
        internal virtual TallyfyOperationResult? JournalRecord(WorkItem item, TOutcome outcome, object? output) => output as TallyfyOperationResult;

        /// <summary>What a rerun writes for an item settled in the journal: by default the recorded result itself.</summary>
        internal virtual object? Replayed(TallyfyOperationResult recorded) => recorded;

        /// <summary>The call's journal once opened (null without -Journal, under -WhatIf, or before the first input).</summary>
        internal JournalFile? OpenJournalFile => _journal;

        /// <summary>Advice for a 403 on this call.</summary>
        internal virtual string? ForbiddenAdvice => null;

        /// <summary>The read made before confirmation (the record's state and name).</summary>
        internal virtual Task<RecordState> ReadAsync(WorkItem item, string organizationId, RequestCounter requests) =>
            Action.Records is RecordKind kind
                ? Api.Records(kind).ReadAsync(organizationId, item.Id, requests)
                : throw new InvalidOperationException($"{GetType().Name} reads before confirmation but says nothing of how: override ReadAsync.");

        // ------------------------------------------------------------------ the pipeline

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _confirm = new ConfirmationPolicy(this, Action.HighImpact);
            _confirm.EnsureCanPrompt($"it {Action.Verb.ToLowerInvariant()}s each {Action.Noun.Name}");
            _progress = new BulkProgress(this, Action.Progress);
            _reader = new InputReader(Action.Input, Organization, MyInvocation.MyCommand.Name);
            _queue = Queue(ThrottleLimit, () => _progress.Show(_queue!.Written));
            // Who acts, for every result: the session's user as GET /me named it at sign-in (every sign-in kind reads it).
            _performedBy = CurrentSession.User.Email ?? CurrentSession.User.ToString();
        }

        private JournalFile OpenJournal(string path)
        {
            string full = PathArguments.Resolve(this, path, (shown, why) => Errors.Journal(
                new JournalException(JournalProblem.CannotWrite, shown, $"The journal '{shown}' cannot be used: {why.TrimEnd('.')}."), MyInvocation.MyCommand.Name));
            try
            {
                JournalFile journal = JournalFile.Open(full, new JournalHeader(MyInvocation.MyCommand.Name, JournalAction, Organization, DateTimeOffset.Now));
                int settled = 0;
                foreach (JournalEntry entry in journal.Entries.Values)
                {
                    settled += entry.Settled ? 1 : 0;
                }

                WriteVerbose(journal.Entries.Count == 0
                    ? $"Journal {full}: new."
                    : $"Journal {full}: {settled} settled item(s) will get their recorded result; {journal.Entries.Count - settled} other(s) are sent again.");
                return journal;
            }
            catch (JournalException ex)
            {
                ThrowTerminatingError(Errors.Journal(ex, MyInvocation.MyCommand.Name));
                throw;
            }
        }

        /// <summary>Closes the journal (at the end, and when the command stops however it stops).</summary>
        private void CloseJournal()
        {
            _journal?.Dispose();
            _journal = null;
        }

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (Journal != null && !_confirm!.WhatIf && !_journalOpened)
            {
                // Opened with the first input (not in BeginProcessing), once derived cmdlets have resolved what JournalAction names.
                _journalOpened = true;
                _journal = OpenJournal(Journal);
            }

            _progress!.Took(0, MyInvocation.ExpectingInput ? null : ArgumentCount);
            foreach (WorkItem item in ReadInput(_reader!))
            {
                _progress.Took(1, null);
                _queue!.Add(new Item(this, item));
            }
        });

        protected override void EndProcessing() => Guarded(() =>
        {
            _queue!.Drain();
            CloseJournal();
            Completed();
            _progress!.Complete();
            _progress.WriteSummary(_progress.Summary(Action.Noun.Name));
        });

        /// <summary>Stops sending, waits for what is under way, and tells the user every change not written as a result.</summary>
        internal override void Stopped()
        {
            IReadOnlyList<OrderedWorkQueue.Entry>? unwritten = StopWork();
            CloseJournal(); // everything under way has been awaited: its results are in the journal
            if (unwritten is null)
            {
                return; // it had completed: nothing to stop or tell
            }

            var changed = new List<string>();
            int notSent = 0;
            foreach (OrderedWorkQueue.Entry entry in unwritten)
            {
                if (((Item)entry).StopReport() is string line)
                {
                    changed.Add(line);
                }
                else
                {
                    notSent++;
                }
            }

            if (changed.Count > 0)
            {
                Warn($"{MyInvocation.MyCommand.Name} stopped before it wrote the results of {changed.Count + notSent} {Action.Noun.Name}(s): " +
                    $"{changed.Count} had been sent and are listed below; {notSent} were not sent.");
                foreach (string line in changed)
                {
                    Warn(line);
                }
            }

            TallyfyBulkSummary? summary = _progress?.Summary(Action.Noun.Name, $" (written; stopped before the end, {changed.Count} more told above)");
            try
            {
                _progress?.Complete();
                _progress?.WriteSummary(summary);
            }
            catch (Exception ex) when (ex is PipelineStoppedException || ex is PSInvalidOperationException)
            {
                // Ctrl+C: the progress bar goes with the pipeline, and the summary goes to the host.
                if (summary != null)
                {
                    Warn(summary.ToString());
                }
            }
        }

        /// <summary>A warning that reaches the user even when the pipeline is stopping (then through the host).</summary>
        private void Warn(string message)
        {
            try
            {
                WriteWarning(message);
            }
            catch (Exception ex) when (ex is PipelineStoppedException || ex is PSInvalidOperationException)
            {
                // Ctrl+C, or the pipeline is already gone (an error upstream): tell the host directly.
                try
                {
                    Host?.UI?.WriteWarningLine(message);
                }
                catch (Exception hostError) when (hostError is HostException || hostError is NotImplementedException || hostError is PSInvalidOperationException)
                {
                    // A host without a UI: nothing more can be told.
                }
            }
        }

        /// <summary>One input item through the pipeline: its read, decision, requests and result.</summary>
        private sealed class Item : OrderedWorkQueue.Entry
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

                if (item.Refusal is null && (owner.NeedsRead(item) || (item.Name is null && (confirm.WhatIf || confirm.WillPrompt))))
                {
                    Prepare = async _ =>
                    {
                        try
                        {
                            _read = await owner.ReadAsync(item, _organizationId, _requests).ConfigureAwait(false);
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
                    progress.Count(_replay.StatusText);
                    progress.Replayed++;
                    _owner.WriteObject(_owner.Replayed(_replay));
                    return;
                }

                if (_outcome is null && _journalError != null)
                {
                    _owner.ThrowTerminatingError(Errors.Journal(_journalError, _owner.MyInvocation.MyCommand.Name));
                }

                if (_outcome is null)
                {
                    if (_refusal != null)
                    {
                        progress.Count("refused");
                        if (!_owner._confirm!.WhatIf && _owner.RefusedResult(_item, _refusal) is TallyfyOperationResult refused)
                        {
                            string reason = _refusal.ErrorDetails?.Message ?? _refusal.Exception.Message;
                            _owner.WriteObject(_owner.Stamp(refused, null, reason, _requests.Sent, _organizationId, null));
                        }

                        _owner.WriteError(_refusal);
                    }

                    return; // -WhatIf: nothing was sent, nothing is written but its "What if:" line
                }

                if (_settled && _owner._confirm!.WhatIf)
                {
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

                object? output = Output();
                progress.Count(_outcome.StatusText);
                if (output != null)
                {
                    _owner.WriteObject(output);
                }

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

            /// <summary>After the pipeline stopped: what to tell of this item, or null when nothing was sent for it.</summary>
            public string? StopReport()
            {
                string? name = _outcome?.Name ?? _item.Name;
                string what = _owner.Subject(_item, name);
                if (_requests.Sent == 0 && !_requests.InFlight)
                {
                    return null;
                }

                if (_outcome is null)
                {
                    return $"{what}: a request was under way when the command stopped; it may have been applied. {_owner.CheckAdvice(_item)}";
                }

                if (_outcome is RemovalOutcome removal && removal.ArchivedOnTheWay)
                {
                    return $"{what}: Archived, not deleted: {_outcome.Message}";
                }

                return $"{what}: {_outcome.StatusText}{(_outcome.Message is null ? "." : " (" + _outcome.Message.TrimEnd('.') + ").")}";
            }

            private ErrorRecord? ErrorOf(TallyfyApiException error)
            {
                if (error.Kind == TallyfyErrorKind.NotSent && _requests.Sent == 0)
                {
                    // The service went away (or refused the credentials) before this item's turn: one error says so for all.
                    if (_owner._notAttemptedTold)
                    {
                        return null;
                    }

                    _owner._notAttemptedTold = true;
                    ServiceHealth health = _owner.Context.Health;
                    return Errors.NotAttempted(error.NotSentReason ?? NotSentReason.ServiceUnavailable, health.OpenMessage ?? error.Message,
                        _owner.MyInvocation.MyCommand.Name, Action.Noun, _item.Target);
                }

                if (_owner.ErrorFor(_item, _outcome!, error) is ErrorRecord custom)
                {
                    return custom;
                }

                return Errors.ForSubject(error, Action.Noun, _owner.Subject(_item, _item.Name ?? _outcome!.Name), _item.Target, _requests.Sent,
                    _outcome!.Message == error.Message ? null : _outcome.Message, _owner.ForbiddenAdvice);
            }
        }
    }
}
