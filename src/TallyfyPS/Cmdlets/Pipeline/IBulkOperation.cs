using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// What a bulk cmdlet gives its <see cref="BulkPipeline{TItem, TOutcome}"/>: the one small operation the pipeline runs
    /// for every input item, with <typeparamref name="TItem"/> the item's own typed state (what a read found, a launch's
    /// row). Every member is required: a cmdlet that leaves one out does not compile. docs/ARCHITECTURE.md lists these
    /// members and a test keeps the two equal.
    /// </summary>
    internal interface IBulkOperation<TItem, TOutcome>
        where TOutcome : RecordOutcome, new()
    {
        /// <summary>The items bound in this ProcessRecord call (a refused one carries its error in <see cref="WorkItem.Refusal"/>).</summary>
        IEnumerable<WorkItem<TItem>> Read(InputReader input);

        /// <summary>
        /// The read before confirmation (it runs concurrently, then the item is decided), or null for none of its own.
        /// <paramref name="nameWanted"/>: a prompt or -WhatIf will name the item and its name is not known yet; when the
        /// operation makes no read then, the pipeline reads the record's state and name (where the action names a kind of record).
        /// </summary>
        Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<TItem> item, bool nameWanted);

        /// <summary>After the read, on the pipeline thread in input order: go (confirm and send), refuse, or settled without sending.</summary>
        Verdict<TOutcome> Decide(WorkItem<TItem> item);

        /// <summary>The requests for a confirmed item, all sent through <paramref name="requests"/>.</summary>
        Task<TOutcome> SendAsync(WorkItem<TItem> item, RequestCounter requests);

        /// <summary>
        /// What is written for a finished item: its result (the pipeline fills the fields every result carries) or the record
        /// it made, or null. With <paramref name="outcome"/> null the item was refused before anything was sent: a cmdlet whose
        /// output is an audit of every input returns its Refused result (written beside the error); the others return null.
        /// </summary>
        object? Output(WorkItem<TItem> item, TOutcome? outcome);
    }

    /// <summary>
    /// Optional: a journal that records something other than the result written, and brings it back its own way (a launch
    /// records the run's JSON, and a rerun writes the run). Without it, the journal records and replays the result itself.
    /// </summary>
    internal interface IJournaled<TItem, TOutcome>
        where TOutcome : RecordOutcome, new()
    {
        /// <summary>What the journal records of a finished item (null: nothing, and a rerun sends it again).</summary>
        TallyfyOperationResult? Record(WorkItem<TItem> item, TOutcome outcome, object? output);

        /// <summary>What a rerun writes for an item settled in the journal.</summary>
        object? Replay(TallyfyOperationResult recorded);
    }

    /// <summary>
    /// Optional: how prompts, errors and a stop name an item, where the noun and name do not say it (a comment is named with
    /// its task, a launch with its row and template). Without it: "'Q3 audit' (run 9f2c...)".
    /// </summary>
    internal interface IDescribesItems<TItem>
    {
        ItemWords Describe(WorkItem<TItem> item);
    }

    /// <summary>How an item is named: in a prompt and -WhatIf, at the start of its error messages, and how to check it after a stop.</summary>
    internal sealed class ItemWords
    {
        public ItemWords(string target, string subject, string checkAdvice)
        {
            Target = target;
            Subject = subject;
            CheckAdvice = checkAdvice;
        }

        /// <summary>"comment 12 on task 9f2c...: 'Looks good'".</summary>
        public string Target { get; }

        /// <summary>"Comment 12 on task 9f2c...".</summary>
        public string Subject { get; }

        /// <summary>"Check with Get-TallyfyComment -TaskId 9f2c...".</summary>
        public string CheckAdvice { get; }
    }

    /// <summary>What <see cref="IBulkOperation{TItem, TOutcome}.Decide"/> says of an item: go, refused, or settled.</summary>
    internal readonly struct Verdict<TOutcome>
        where TOutcome : RecordOutcome
    {
        private Verdict(ErrorRecord? refusal, TOutcome? settled)
        {
            Refusal = refusal;
            Settled = settled;
        }

        /// <summary>Confirm the item and send it.</summary>
        public static Verdict<TOutcome> Go => default;

        /// <summary>Refused without sending anything: its error is written (and its Refused result, where the cmdlet writes one).</summary>
        public static Verdict<TOutcome> Refuse(ErrorRecord error) => new Verdict<TOutcome>(error, null);

        /// <summary>
        /// Known without sending anything (a task completed already, a run that has the tag already): not confirmed or sent, and
        /// the outcome is its result (under -WhatIf only its error, if any, is written).
        /// </summary>
        public static Verdict<TOutcome> Settle(TOutcome outcome) => new Verdict<TOutcome>(null, outcome);

        /// <summary>A refusal when there is one, else go.</summary>
        public static Verdict<TOutcome> RefuseIf(ErrorRecord? error) => new Verdict<TOutcome>(error, null);

        /// <summary>A settled outcome when there is one, else go.</summary>
        public static Verdict<TOutcome> SettleIf(TOutcome? outcome) => new Verdict<TOutcome>(null, outcome);

        public ErrorRecord? Refusal { get; }

        public TOutcome? Settled { get; }
    }

    /// <summary>The state of an item whose cmdlet keeps nothing beyond its id and what is known of the record.</summary>
    internal readonly struct NoState
    {
    }
}
