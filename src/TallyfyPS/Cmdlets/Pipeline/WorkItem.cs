using System;
using System.Collections.Generic;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>One input item on its way through a bulk cmdlet: read, confirmed, sent, written.</summary>
    internal class WorkItem
    {
        private string? _key;

        public WorkItem(string id, object? target)
        {
            Id = id;
            Target = target;
        }

        /// <summary>A copy of what is known of <paramref name="input"/>, for a typed item.</summary>
        protected WorkItem(WorkItem input)
            : this(input.Id, input.Target)
        {
            Known = input.Known;
            WasRead = input.WasRead;
            Refusal = input.Refusal;
            Interrupted = input.Interrupted;
            Note = input.Note;
            _key = input._key;
        }

        /// <summary>The record's id (normalized), or the raw value when it was refused.</summary>
        public string Id { get; }

        /// <summary>What came in: the string, object or row, for error records' TargetObject.</summary>
        public object? Target { get; }

        /// <summary>What is known of the record: from the input object, then from a read if one was made.</summary>
        public RecordState Known { get; set; } = RecordState.Unknown;

        /// <summary>True when <see cref="Known"/> comes from a read made just before confirmation.</summary>
        public bool WasRead { get; set; }

        public string? Name => Known.Name;

        /// <summary>For a task: its run, where the input or a read said.</summary>
        public string? RunId => Known.RunId;

        /// <summary>What identifies the item in a journal: its id, unless the cmdlet says otherwise (a launch uses its row).</summary>
        public string Key { get => _key ?? Id; set => _key = value; }

        /// <summary>
        /// The error record to write if the item fails, where the cmdlet knows better than the default (a failed backup, a
        /// run that is archived or locked by an open issue); set by its work. Null: the default error of the failure.
        /// </summary>
        public ErrorRecord? Error { get; set; }

        /// <summary>An error decided before any request (invalid id, wrong organization, ...).</summary>
        public ErrorRecord? Refusal { get; set; }

        /// <summary>
        /// The changes an earlier, interrupted call of the same journal sent for this item without writing its result
        /// ("deleting", "archiving", ...): what the item's outcome now may be owed to. Empty without a journal.
        /// </summary>
        public IReadOnlyList<string> Interrupted { get; set; } = Array.Empty<string>();

        /// <summary>Writes to the call's journal (if any) that a change is being sent: call it just before the request.</summary>
        public Action<string> Note { get; set; } = _ => { };

        /// <summary>True when an earlier, interrupted call of the same journal had sent <paramref name="step"/> for this item.</summary>
        public bool WasInterruptedAt(string step) => System.Linq.Enumerable.Contains(Interrupted, step);

        public sealed override string ToString() => Id;
    }

    /// <summary>An input item with the state its cmdlet keeps for it (a task as read, a launch's row, a backup made).</summary>
    internal sealed class WorkItem<TItem> : WorkItem
    {
        public WorkItem(WorkItem input, TItem state)
            : base(input)
        {
            State = state;
        }

        public WorkItem(string id, object? target, TItem state)
            : base(id, target)
        {
            State = state;
        }

        /// <summary>The cmdlet's own state of the item: set when it is read as input, and by its read before confirmation.</summary>
        public TItem State { get; set; }
    }
}
