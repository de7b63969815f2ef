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
    /// The life of every item of a bulk cmdlet (remove, restore, ...): read it first where a prompt or the
    /// operation needs to, confirm it on the pipeline thread in input order, send it concurrently
    /// (-ThrottleLimit at once), write its result and error in input order, with progress and a summary.
    /// A cmdlet says only what is particular to it, in the four members of "the operation" below.
    /// When the pipeline stops (Select-Object -First, -ErrorAction Stop, a terminating error or break
    /// downstream, Ctrl+C), nothing more is sent, what is under way is waited for, and every change that
    /// was applied but not written as a result is told in a warning.
    /// </summary>
    public abstract partial class BulkCmdlet<TOutcome> : SessionCmdlet
        where TOutcome : RecordOutcome, new()
    {
        private OrderedWorkQueue? _queue;
        private JournalFile? _journal;
        private bool _journalOpened;
        private readonly HashSet<string> _journalKeysTaken = new HashSet<string>(StringComparer.Ordinal);
        private ConfirmationPolicy? _confirm;
        private BulkProgress? _progress;
        private InputReader? _reader;
        private bool _notAttemptedTold;
        private readonly HashSet<string> _limitsTold = new HashSet<string>(StringComparer.Ordinal);
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
        internal TallyfyOperationResult Stamp(TallyfyOperationResult result, int? httpStatus, string? message, int attempts, string organizationId, string? requestId) =>
            ResultStamp.Fill(result, _performedBy, httpStatus, requestId, message, attempts, organizationId);

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

        /// <summary>False for a cmdlet that refuses -Journal (its errors do not advise one).</summary>
        internal virtual bool TakesJournal => true;

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
                ? Ops.Records(kind).ReadAsync(organizationId, item.Id, requests)
                : throw new InvalidOperationException($"{GetType().Name} reads before confirmation but says nothing of how: override ReadAsync.");

        // ------------------------------------------------------------------ the pipeline

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _confirm = new ConfirmationPolicy(this, Action.HighImpact);
            _confirm.EnsureCanPrompt($"{Words.ThirdPerson(Action.Verb)} each {Action.Noun.Name}");
            _progress = new BulkProgress(this, Action.Progress);
            _reader = new InputReader(Action.Input, Organization, MyInvocation.MyCommand.Name);
            _queue = Queue(ThrottleLimit, () => _progress.Show(_queue!.Written));
            Context.Halt.Enabled = StopsAtFirstError(); // -ErrorAction Stop: nothing is sent for an item after one that failed
            // Who acts, for every result: the session's user as GET /me named it at sign-in (every sign-in kind reads it).
            _performedBy = ResultStamp.PerformedBy(CurrentSession.User);
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
                    : $"Journal {full}: {Words.Count(settled, "settled item")} will get their recorded result; {Words.Count(journal.Entries.Count - settled, "other")} {(journal.Entries.Count - settled == 1 ? "is" : "are")} sent again.");
                return journal;
            }
            catch (JournalException ex)
            {
                ThrowTerminatingError(Errors.Journal(ex, MyInvocation.MyCommand.Name));
                throw;
            }
        }

        /// <summary>Opens -Journal with the first input (not in BeginProcessing, so derived cmdlets have resolved what JournalAction names).</summary>
        private void EnsureJournal()
        {
            if (Journal != null && !_confirm!.WhatIf && !_journalOpened)
            {
                _journalOpened = true;
                _journal = OpenJournal(Journal);
            }
        }

        /// <summary>
        /// At the end of a journalled call: the items an earlier call left under way (a step noted, no result) that this
        /// call was not given again are settled too, by their id, so the journal holds a result for each. A run deleted
        /// for good by a killed call is no longer in the listing that fed it, so a rerun would never be given it.
        /// </summary>
        private void SettleLeftovers()
        {
            EnsureJournal();
            if (_journal is null)
            {
                return;
            }

            var left = new List<string>();
            foreach (JournalEntry entry in _journal.Entries.Values)
            {
                if (entry.Result is null && entry.Steps.Count > 0 && !_journalKeysTaken.Contains(entry.Key) && Ids.Normalize(entry.Key) == entry.Key)
                {
                    left.Add(entry.Key);
                }
            }

            if (left.Count == 0)
            {
                return;
            }

            WriteVerbose($"Journal: {Words.Count(left.Count, Action.Noun.Name)} that an earlier call left under way and this one was not given {(left.Count == 1 ? "is" : "are")} settled now: {string.Join(", ", left)}.");
            foreach (WorkItem item in _reader!.FromIds(left))
            {
                _queue!.Add(new Item(this, item), () => _progress!.Took(1, null));
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
            EnsureJournal();

            _progress!.Took(0, MyInvocation.ExpectingInput ? null : ArgumentCount);
            foreach (WorkItem item in ReadInput(_reader!))
            {
                _queue!.Add(new Item(this, item), () => _progress.Took(1, null));
            }
        });

        protected override void EndProcessing() => Guarded(() =>
        {
            SettleLeftovers();
            _queue!.Drain();
            CloseJournal();
            Completed();
            _progress!.Complete();
            _progress.WriteSummary(_progress.Summary(Action.Noun.Name));
        });
    }
}
