using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Journal;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Moves assignments (the rows of Get-TallyfyAssignment, or an Import-Csv of them) from one member to another: on each
    /// record the person is replaced and every other owner, guest, group and member is kept. Rows on the same record that
    /// come one after another (Get-TallyfyAssignment writes them so: a run's owner and member rows) are read once and
    /// written once. A row's own To wins over -To, which is the default for rows without one. One result per row.
    /// </summary>
    [Cmdlet(VerbsCommon.Move, "TallyfyAssignment", HelpUri = HelpLinks.Base + "Move-TallyfyAssignment.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TallyfyAssignmentMoveResult))]
    public sealed class MoveTallyfyAssignmentCommand : SessionCmdlet
    {
        private static readonly BulkAction Moving = new BulkAction(Noun.Assignment.Input, null, "Move", "Moving Tallyfy assignments", irreversible: false);
        private readonly Dictionary<string, (TallyfyUser? User, string Why)> _people = new Dictionary<string, (TallyfyUser?, string)>(StringComparer.OrdinalIgnoreCase);
        private BulkPipeline<RecordMove?, HandoverOutcome>? _bulk;
        private TallyfyUser? _to;
        private WorkItem<RecordMove?>? _pending;
        private readonly List<WorkItem<RecordMove?>> _taking = new List<WorkItem<RecordMove?>>();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RecordGate> _gates = new System.Collections.Concurrent.ConcurrentDictionary<string, RecordGate>(StringComparer.Ordinal);

        /// <summary>The rows to move: from Get-TallyfyAssignment, or objects with Kind, Id, RunId, TemplateId, From and To.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>Who takes the assignments over (an email or member id): for the rows that do not name their own To.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public string? To { get; set; }

        /// <summary>A file that records each record's outcome: a rerun after a crash sends nothing twice.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Journal { get; set; }

        /// <summary>Do not prompt. -WhatIf still wins.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many records may be changed at once. Default 16.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (To != null)
            {
                _to = HandoverPeople.Find(this, Ops, Organization, To, out string why);
                if (_to is null)
                {
                    ThrowTerminatingError(Errors.UnknownMember("-To", To, why, Organization));
                }
            }

            _bulk = new BulkPipeline<RecordMove?, HandoverOutcome>(this, Organization, CurrentSession.User, Moving, new Mover(this), ThrottleLimit, Journal);
        }

        protected override void ProcessRecord() => Guarded(() =>
        {
            foreach (PSObject? input in InputObject ?? new PSObject?[] { null })
            {
                Gather(input);
            }
        });

        protected override void EndProcessing()
        {
            Guarded(TakePending);
            _bulk!.Finish();
        }

        /// <summary>One row: onto the record before it when it is the same record, else that record goes into the pipeline.</summary>
        private void Gather(PSObject? input)
        {
            TallyfyAssignment? row = AssignmentRows.Read(input, out string? problem);
            if (row is null)
            {
                TakePending();
                Take(new WorkItem<RecordMove?>(string.Empty, input, null) { Refusal = Errors.InvalidAssignment(input, problem!) });
                return;
            }

            MovedRecord record = RecordMove.RecordOf(row.Kind);
            string key = RecordMove.KeyOf(record, row.Id, row.TemplateId);
            TallyfyUser? from = row.FromId > 0 ? Person(row.FromId.ToString(System.Globalization.CultureInfo.InvariantCulture)) : Person(row.From);
            from ??= row.From.Length > 0 ? Person(row.From) : null;
            string toText = row.To ?? To ?? string.Empty;
            TallyfyUser? to = row.To is null ? _to : Person(row.To);
            string? why = from is null ? $"From '{row.From}' is no member of the organization"
                : toText.Length == 0 ? "no one to move it to: pass -To, or fill in the row's To"
                : to is null ? Person(toText, out string nobody) is null ? nobody : "no member of the organization has this email or id"
                : HandoverPeople.IsDisabled(to) ? "this member is disabled"
                : to.Id == from.Id ? "it is the person it would be moved from"
                : null;
            var move = new RecordMove(record, row.Id, row.TemplateId, row.Kind == TallyfyAssignmentKind.RunOwner || row.Kind == TallyfyAssignmentKind.RunMember ? row.Id : row.RunId, row.Name);
            if (why != null)
            {
                move.Moves.Add(new AssignmentMove(row, from?.Id ?? row.FromId, from is null ? row.From : HandoverPeople.EmailOf(from), to?.Id ?? 0, to is null ? toText : HandoverPeople.EmailOf(to)));
                TakePending();
                ErrorRecord error = from is null ? Errors.InvalidAssignment(input, why) : Errors.InvalidHandoverTarget(input, toText, why);
                Take(new WorkItem<RecordMove?>(row.Id, input, move) { Refusal = error, Key = key });
                return;
            }

            var one = new AssignmentMove(row, from!.Id, HandoverPeople.EmailOf(from), to!.Id, HandoverPeople.EmailOf(to));
            if (_pending?.State is RecordMove same && same.Key == key)
            {
                same.Moves.Add(one);
                return;
            }

            TakePending();
            move.Moves.Add(one);
            _pending = new WorkItem<RecordMove?>(row.Id, input, move) { Key = key };
        }

        private TallyfyUser? Person(string text) => Person(text, out _);

        /// <summary>The member a row names (looked up once a call), or null with why.</summary>
        private TallyfyUser? Person(string text, out string why)
        {
            if (!_people.TryGetValue(text, out (TallyfyUser? User, string Why) found))
            {
                found.User = HandoverPeople.Find(this, Ops, Organization, text, out found.Why);
                _people[text] = found;
            }

            why = found.Why;
            return found.User;
        }

        private void TakePending()
        {
            if (_pending != null)
            {
                WorkItem<RecordMove?> item = _pending;
                _pending = null;
                Take(item);
            }
        }

        private void Take(WorkItem<RecordMove?> item)
        {
            if (item.State is RecordMove move && item.Refusal is null)
            {
                item.Key = move.JournalKey;
            }

            _taking.Add(item);
            _bulk!.Take(null);
        }

        /// <summary>Moving the rows of one record: read fresh once, decided row by row, written once.</summary>
        private sealed class Mover : IBulkOperation<RecordMove?, HandoverOutcome>, IJournaled<RecordMove?, HandoverOutcome>, IDescribesItems<RecordMove?>
        {
            private readonly MoveTallyfyAssignmentCommand _cmdlet;

            public Mover(MoveTallyfyAssignmentCommand cmdlet) => _cmdlet = cmdlet;

            public IEnumerable<WorkItem<RecordMove?>> Read(InputReader input)
            {
                var items = _cmdlet._taking.ToList();
                _cmdlet._taking.Clear();
                return items;
            }

            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<RecordMove?> item, bool nameWanted) =>
                item.State is RecordMove move ? requests =>
                {
                    move.ReadAtWrite = Gate(move).Writes;
                    return _cmdlet.Ops.ReadForMoveAsync(_cmdlet.Organization, move, requests);
                }
                : (Func<RequestCounter, Task<RecordState>>?)null;

            private RecordGate Gate(RecordMove move) => _cmdlet._gates.GetOrAdd(move.Key, _ => new RecordGate());

            public Verdict<HandoverOutcome> Decide(WorkItem<RecordMove?> item)
            {
                if (!(item.State is RecordMove move))
                {
                    // Left under way by an earlier call of the journal and not given again: read the plan again to finish it.
                    return Verdict<HandoverOutcome>.Refuse(Errors.AssignmentNotMovable(item.Target, $"Assignment record {item.Key}",
                        "an earlier call of this journal left it under way, and this call was not given its row. Nothing was sent for it."));
                }

                if (move.Pending.Any())
                {
                    return Verdict<HandoverOutcome>.Go;
                }

                if (move.Moves.Count == 1 && move.Moves[0].Settled == TallyfyAssignmentMoveStatus.Refused)
                {
                    return Verdict<HandoverOutcome>.Refuse(Errors.AssignmentNotMovable(item.Target, Describe(item).Subject, move.Moves[0].Message!));
                }

                return Verdict<HandoverOutcome>.Settle(new HandoverOutcome { Status = ChangeStatus.Existing, Record = move, Name = move.Name, Message = move.Moves[0].Message });
            }

            public Task<HandoverOutcome> SendAsync(WorkItem<RecordMove?> item, RequestCounter requests)
            {
                item.Note("moving");
                return _cmdlet.Ops.MoveAsync(_cmdlet.Organization, item.State!, Gate(item.State!), requests);
            }

            public object? Output(WorkItem<RecordMove?> item, HandoverOutcome? outcome)
            {
                if (!(item.State is RecordMove move))
                {
                    return null;
                }

                return new ResultList(move.Moves.Select(m => (TallyfyOperationResult)new TallyfyAssignmentMoveResult
                {
                    Kind = m.Row.Kind,
                    Id = m.Row.Id,
                    Name = m.Row.Name ?? move.Name,
                    RunId = move.RunId,
                    TemplateId = m.Row.TemplateId,
                    From = m.FromEmail,
                    To = m.ToEmail,
                    Status = outcome is null ? TallyfyAssignmentMoveStatus.Refused : m.Settled ?? StatusOf(outcome.Status),
                    Message = m.Settled is null ? null : m.Message,
                }));
            }

            private static TallyfyAssignmentMoveStatus StatusOf(ChangeStatus status) => status switch
            {
                ChangeStatus.Done => TallyfyAssignmentMoveStatus.Moved,
                ChangeStatus.Existing => TallyfyAssignmentMoveStatus.AlreadyMoved,
                ChangeStatus.NotAttempted => TallyfyAssignmentMoveStatus.NotAttempted,
                ChangeStatus.Unknown => TallyfyAssignmentMoveStatus.Unknown,
                ChangeStatus.Skipped => TallyfyAssignmentMoveStatus.Skipped,
                _ => TallyfyAssignmentMoveStatus.Failed,
            };

            public TallyfyOperationResult? Record(WorkItem<RecordMove?> item, HandoverOutcome outcome, object? output) =>
                output is ResultList rows ? AssignmentMovesRecord.Of(rows) : null;

            public object? Replay(TallyfyOperationResult recorded) => recorded is AssignmentMovesRecord rows ? rows.Rows() : null;

            public ItemWords Describe(WorkItem<RecordMove?> item)
            {
                if (!(item.State is RecordMove move))
                {
                    return new ItemWords($"assignment record {item.Key}", $"Assignment record {item.Key}", "Check with Get-TallyfyAssignment -User <email>.");
                }

                string what = move.Record switch
                {
                    MovedRecord.Task => "task",
                    MovedRecord.Run => "run",
                    MovedRecord.Step => $"step of template {move.TemplateId}",
                    _ => "group",
                };
                string named = move.Name is null ? $"{what} {move.Id}" : $"'{move.Name}' ({what} {move.Id})";
                string changes = string.Join("; ", move.Moves.Select(m => $"{m.Row.Kind} {m.FromEmail} -> {m.ToEmail}"));
                string from = move.Moves[0].FromEmail;
                return new ItemWords($"{named}: {changes}", char.ToUpperInvariant(named[0]) + named.Substring(1),
                    $"Check with Get-TallyfyAssignment -User {from}.");
            }
        }
    }

    /// <summary>What a journal keeps of one record's rows: each row's result, so a rerun writes them all again.</summary>
    internal sealed class AssignmentMovesRecord : TallyfyOperationResult
    {
        /// <summary>The rows' results as a JSON array.</summary>
        [Journaled]
        internal string Encoded { get; set; } = "[]";

        /// <summary>Whether every row ended as asked: else a rerun reads and decides the record again.</summary>
        [Journaled]
        internal bool AllSettled { get; set; }

        public override bool Succeeded => AllSettled;

        internal override string StatusText => AllSettled ? "Moved" : "Failed";

        public static AssignmentMovesRecord Of(ResultList rows)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartArray();
                foreach (TallyfyOperationResult row in rows)
                {
                    ResultCodec.Write(w, row);
                }

                w.WriteEndArray();
            }

            return new AssignmentMovesRecord { Encoded = Encoding.UTF8.GetString(stream.ToArray()), AllSettled = rows.All(r => r.Settled) };
        }

        public ResultList Rows()
        {
            using JsonDocument doc = JsonDocument.Parse(Encoded);
            return new ResultList(doc.RootElement.EnumerateArray()
                .Select(e => ResultCodec.Read(nameof(TallyfyAssignmentMoveResult), e))
                .Where(r => r != null).Select(r => r!));
        }
    }
}
