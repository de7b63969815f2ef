using System.Collections.Generic;
using TallyfyPS.Model;

namespace TallyfyPS.Journal
{
    /// <summary>What a journal says of one item: its last result, and the changes sent for it since.</summary>
    public sealed class JournalEntry
    {
        private readonly List<string> _steps = new List<string>();

        internal JournalEntry(string key)
        {
            Key = key;
        }

        /// <summary>The item (a run id, a task id, a row's key).</summary>
        public string Key { get; }

        /// <summary>The last result written for the item, or null when none was (the call stopped while it was under way).</summary>
        public TallyfyOperationResult? Result { get; private set; }

        /// <summary>
        /// The changes sent for the item after its last result ("deleting", "archiving", ...), and those before a result
        /// that left the change's outcome unknown: a rerun must look before it sends them again.
        /// </summary>
        public IReadOnlyList<string> Steps => _steps;

        /// <summary>True when the last result is final: it is replayed, and nothing is sent for the item again.</summary>
        public bool Settled => Result?.Settled == true;

        internal void AddStep(string step) => _steps.Add(step);

        internal void SetResult(TallyfyOperationResult result)
        {
            Result = result;
            if (result.Settled || !result.OutcomeUnknown)
            {
                _steps.Clear();
            }
        }
    }
}
