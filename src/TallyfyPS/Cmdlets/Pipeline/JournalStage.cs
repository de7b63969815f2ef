using System;
using System.Collections.Generic;
using TallyfyPS.Client;
using TallyfyPS.Journal;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The journal of a bulk call (-Journal): opened with the first input, it gives each item what an earlier call recorded
    /// (a result to replay, or the changes it had sent before it was interrupted), records each outcome the moment it is
    /// known, settles at the end the items an earlier call left under way, and is closed however the call ends.
    /// </summary>
    internal sealed class JournalStage
    {
        private readonly TallyfyCmdlet _cmdlet;
        private readonly string _path;
        private readonly string _organizationId;
        private readonly Func<string> _action;
        private readonly HashSet<string> _keysTaken = new HashSet<string>(StringComparer.Ordinal);
        private JournalFile? _journal;
        private bool _opened;

        /// <param name="action">
        /// What the journal's header records as the action: a rerun with another action (another tag, another template) is
        /// refused rather than replayed. Read when the first input arrives.
        /// </param>
        public JournalStage(TallyfyCmdlet cmdlet, string path, string organizationId, Func<string> action)
        {
            _cmdlet = cmdlet;
            _path = path;
            _organizationId = organizationId;
            _action = action;
        }

        /// <summary>The journal once opened (null before the first input and once closed).</summary>
        public JournalFile? File => _journal;

        private string Command => _cmdlet.MyInvocation.MyCommand.Name;

        /// <summary>Opens the journal with the first input (not in BeginProcessing: a cmdlet may name its action from its input).</summary>
        public void Open()
        {
            if (_opened)
            {
                return;
            }

            _opened = true;
            string full = PathArguments.Resolve(_cmdlet, _path, (shown, why) => Errors.Journal(
                new JournalException(JournalProblem.CannotWrite, shown, $"The journal '{shown}' cannot be used: {why.TrimEnd('.')}."), Command));
            try
            {
                JournalFile journal = JournalFile.Open(full, new JournalHeader(Command, _action(), _organizationId, DateTimeOffset.Now));
                int settled = 0;
                foreach (JournalEntry entry in journal.Entries.Values)
                {
                    settled += entry.Settled ? 1 : 0;
                }

                _cmdlet.WriteVerbose(journal.Entries.Count == 0
                    ? $"Journal {full}: new."
                    : $"Journal {full}: {Words.Count(settled, "settled item")} will get their recorded result; {Words.Count(journal.Entries.Count - settled, "other")} {(journal.Entries.Count - settled == 1 ? "is" : "are")} sent again.");
                _journal = journal;
            }
            catch (JournalException ex)
            {
                _cmdlet.ThrowTerminatingError(Errors.Journal(ex, Command));
                throw;
            }
        }

        /// <summary>
        /// An item enters the journal: what an earlier call recorded of it is looked up (its <see cref="Slot.Replay"/>, or the
        /// changes it had sent, in <see cref="WorkItem.Interrupted"/>), and the item's <see cref="WorkItem.Note"/> writes its
        /// steps. Null for a refused item or a closed journal.
        /// </summary>
        public Slot? Enter(WorkItem item)
        {
            if (item.Refusal != null || !(_journal is JournalFile journal))
            {
                return null;
            }

            string key = item.Key;
            _keysTaken.Add(key);
            if (journal.Entries.TryGetValue(key, out JournalEntry? entry))
            {
                if (entry.Settled)
                {
                    return new Slot(this, key, entry.Result); // settled by an earlier call: nothing is read or sent
                }

                item.Interrupted = entry.Steps;
            }

            Action<string> note = item.Note;
            item.Note = step =>
            {
                journal.Step(key, step);
                note(step);
            };
            return new Slot(this, key, null);
        }

        /// <summary>
        /// At the end of a journalled call: the ids of the items an earlier call left under way (a step noted, no result) that
        /// this call was not given again, to be settled too, so the journal holds a result for each. A run deleted for good by a
        /// killed call is no longer in the listing that fed it, so a rerun would never be given it.
        /// </summary>
        public IReadOnlyList<string> Leftovers()
        {
            var left = new List<string>();
            if (_journal is null)
            {
                return left;
            }

            foreach (JournalEntry entry in _journal.Entries.Values)
            {
                if (entry.Result is null && entry.Steps.Count > 0 && !_keysTaken.Contains(entry.Key) && Ids.Normalize(entry.Key) == entry.Key)
                {
                    left.Add(entry.Key);
                }
            }

            return left;
        }

        /// <summary>Closes the journal (at the end, and when the command stops however it stops).</summary>
        public void Close()
        {
            _journal?.Dispose();
            _journal = null;
        }

        /// <summary>The stop of a call whose journal can no longer be written: it keeps no promise, so nothing goes on unrecorded.</summary>
        public void Fail(JournalException error) => _cmdlet.ThrowTerminatingError(Errors.Journal(error, Command));

        /// <summary>One item's place in the journal.</summary>
        internal sealed class Slot
        {
            private readonly JournalStage _stage;
            private readonly string _key;
            private bool _recorded;

            public Slot(JournalStage stage, string key, TallyfyOperationResult? replay)
            {
                _stage = stage;
                _key = key;
                Replay = replay;
            }

            /// <summary>The result an earlier call recorded for the item, which a rerun writes instead of sending anything.</summary>
            public TallyfyOperationResult? Replay { get; }

            /// <summary>Why the journal could not be written for this item (the call stops when the item is written).</summary>
            public JournalException? Error { get; private set; }

            /// <summary>
            /// Writes the item's outcome once, however it was learnt: sent, verified after a lost answer, or settled by a read
            /// (a change an interrupted call had sent) or by the input. A rerun replays it.
            /// </summary>
            public void Record(Func<TallyfyOperationResult?> result)
            {
                if (_recorded)
                {
                    return;
                }

                _recorded = true;
                try
                {
                    if (result() is TallyfyOperationResult recorded)
                    {
                        _stage._journal?.Result(_key, recorded);
                    }
                }
                catch (JournalException ex)
                {
                    Error = ex;
                }
            }

            /// <summary>A step could not be written while the item was sent.</summary>
            public void Failed(JournalException error) => Error = error;
        }
    }
}
