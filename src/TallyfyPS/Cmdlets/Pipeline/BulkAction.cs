using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>What a bulk call does, in the words of its prompts, progress and messages.</summary>
    internal sealed class BulkAction
    {
        /// <param name="input">What the call takes from the pipeline.</param>
        /// <param name="records">The kind of record it acts on, where archive/restore reads apply (null otherwise).</param>
        /// <param name="consequence">
        /// What confirming an item changes beyond the verb, where that is worth a high-impact prompt although it can be
        /// undone (the prompt says it after the question).
        /// </param>
        /// <param name="forbiddenAdvice">Advice for a 403 on this action (permanent deletion needs an administrator).</param>
        /// <param name="checkNote">What to add to the advice to check an item whose request was under way when the call stopped.</param>
        public BulkAction(InputKind input, RecordKind? records, string verb, string progress, bool irreversible, string? consequence = null,
            string? forbiddenAdvice = null, string? checkNote = null)
        {
            ForbiddenAdvice = forbiddenAdvice;
            CheckNote = checkNote;
            Consequence = consequence;
            Input = input;
            Records = records;
            Verb = verb;
            Progress = progress;
            Irreversible = irreversible;
        }

        public InputKind Input { get; }

        /// <summary>The kind of record whose state the default read before confirmation reads; null when there is none.</summary>
        public RecordKind? Records { get; }

        public Noun Noun => Input.Noun;

        /// <summary>The verb of the prompt and of -WhatIf: "Archive", "Permanently delete", "Restore".</summary>
        public string Verb { get; }

        /// <summary>The activity shown by Write-Progress: "Archiving Tallyfy runs".</summary>
        public string Progress { get; }

        /// <summary>Whether the action cannot be undone: it is confirmed as high impact (permanent deletion).</summary>
        public bool Irreversible { get; }

        /// <summary>What confirming an item changes beyond the verb (see the constructor); null for most actions.</summary>
        public string? Consequence { get; }

        /// <summary>Advice for a 403 on this action; null for none.</summary>
        public string? ForbiddenAdvice { get; }

        /// <summary>A note to the advice to check an item after a stop ("Check with Get-TallyfyRun -Id ... (note)."); null for none.</summary>
        public string? CheckNote { get; }

        /// <summary>Whether items are confirmed as high impact: irreversible, or with a consequence to say.</summary>
        public bool HighImpact => Irreversible || Consequence != null;
    }
}
