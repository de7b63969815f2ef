using System;
using System.Collections.Generic;
using System.Linq;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>The kind of record an assignment lives on: what is read and written to move it.</summary>
    internal enum MovedRecord
    {
        Task,
        Run,
        Step,
        Group,
    }

    /// <summary>One assignment to move: the plan's row, who from and who to, and what the record's read decided of it.</summary>
    internal sealed class AssignmentMove
    {
        public AssignmentMove(TallyfyAssignment row, long fromId, string fromEmail, long toId, string toEmail)
        {
            Row = row;
            FromId = fromId;
            FromEmail = fromEmail;
            ToId = toId;
            ToEmail = toEmail;
        }

        public TallyfyAssignment Row { get; }

        public long FromId { get; }

        public string FromEmail { get; }

        public long ToId { get; }

        public string ToEmail { get; }

        /// <summary>Set where nothing is sent for it (AlreadyMoved, Refused); null while it is to be moved.</summary>
        public TallyfyAssignmentMoveStatus? Settled { get; set; }

        public string? Message { get; set; }
    }

    /// <summary>
    /// Every assignment of one call on one record (a run its leaver owns and is a member of is one record): read once,
    /// changed once, so that no move of the record loses another's.
    /// </summary>
    internal sealed class RecordMove
    {
        public RecordMove(MovedRecord record, string id, string? templateId, string? runId, string? name)
        {
            Record = record;
            Id = id;
            TemplateId = templateId;
            RunId = runId;
            Name = name;
        }

        public MovedRecord Record { get; }

        /// <summary>The record's id (a step's: its timeline id, within <see cref="TemplateId"/>).</summary>
        public string Id { get; }

        public string? TemplateId { get; }

        public string? RunId { get; }

        public string? Name { get; set; }

        public List<AssignmentMove> Moves { get; } = new List<AssignmentMove>();

        /// <summary>
        /// What identifies these rows in a journal: the record and who moves from where, so that two groups of rows on
        /// one record (a plan sorted so that they are apart) are two items, each replayed as its own.
        /// </summary>
        public string JournalKey => Key + "|" + string.Join(",", Moves.Select(m => $"{m.Row.Kind}:{m.FromId}"));

        /// <summary>How many writes of this call the record had had when it was read (see <see cref="RecordGate"/>).</summary>
        public int ReadAtWrite { get; set; }

        /// <summary>What identifies the record in a journal and among the rows of a call.</summary>
        public string Key => KeyOf(Record, Id, TemplateId);

        public static string KeyOf(MovedRecord record, string id, string? templateId) =>
            record == MovedRecord.Step ? $"step:{templateId}/{id}" : $"{record.ToString().ToLowerInvariant()}:{id}";

        public static MovedRecord RecordOf(TallyfyAssignmentKind kind) => kind switch
        {
            TallyfyAssignmentKind.RunTask => MovedRecord.Task,
            TallyfyAssignmentKind.OneOffTask => MovedRecord.Task,
            TallyfyAssignmentKind.RunOwner => MovedRecord.Run,
            TallyfyAssignmentKind.RunMember => MovedRecord.Run,
            TallyfyAssignmentKind.TemplateStep => MovedRecord.Step,
            _ => MovedRecord.Group,
        };

        // What the read found (one of them).
        public TaskSnapshot? Task { get; set; }

        public RunSnapshot? Run { get; set; }

        public TallyfyStep? Step { get; set; }

        public TallyfyGroup? Group { get; set; }

        /// <summary>The moves still to send once the read decided each.</summary>
        public IEnumerable<AssignmentMove> Pending => Moves.Where(m => m.Settled is null);

        /// <summary>
        /// Decides each move from the record as read: a completed task is refused; where the old person is gone and the
        /// new one there it is AlreadyMoved; where the old one is gone and the new one is not, refused (someone else
        /// changed it: look before moving it).
        /// </summary>
        public void Decide()
        {
            if (Task?.Task is TallyfyTask task && (string.Equals(task.Status, "completed", StringComparison.OrdinalIgnoreCase) || task.CompletedAt != null))
            {
                foreach (AssignmentMove move in Pending)
                {
                    move.Settled = TallyfyAssignmentMoveStatus.Refused;
                    move.Message = "The task is completed: it stays as history and is not moved. Nothing was sent.";
                }

                return;
            }

            foreach (AssignmentMove move in Pending)
            {
                bool fromThere = Holds(move.Row.Kind, move.FromId);
                bool toThere = Holds(move.Row.Kind, move.ToId);
                if (!fromThere && toThere)
                {
                    move.Settled = TallyfyAssignmentMoveStatus.AlreadyMoved;
                    move.Message = $"{move.ToEmail} is assigned and {move.FromEmail} is not; nothing was sent.";
                }
                else if (!fromThere)
                {
                    move.Settled = TallyfyAssignmentMoveStatus.Refused;
                    move.Message = $"{move.FromEmail} is no longer assigned here (nor is {move.ToEmail}): it was changed since it was listed. Nothing was sent.";
                }
            }
        }

        /// <summary>Whether the record as read has the member in the place of <paramref name="kind"/>.</summary>
        public bool Holds(TallyfyAssignmentKind kind, long userId) => kind switch
        {
            TallyfyAssignmentKind.RunTask or TallyfyAssignmentKind.OneOffTask => Task?.Task.Owners.Users.Contains(userId) == true,
            TallyfyAssignmentKind.RunOwner => Run?.Run.OwnerId == userId,
            TallyfyAssignmentKind.RunMember => Run?.Users.Contains(userId) == true,
            TallyfyAssignmentKind.TemplateStep => Step?.Assignees.Users.Contains(userId) == true,
            _ => Group?.MemberIds.Contains(userId) == true,
        };

        /// <summary>Replaces each pending move's person in <paramref name="ids"/> (keeping the order, each id once).</summary>
        public static List<long> Replace(IEnumerable<long> ids, IEnumerable<AssignmentMove> moves)
        {
            var map = moves.GroupBy(m => m.FromId).ToDictionary(g => g.Key, g => g.First().ToId);
            return ids.Select(id => map.TryGetValue(id, out long to) ? to : id).Distinct().ToList();
        }
    }

    /// <summary>
    /// One record's writes within a call: rows on one record that do not come one after another are moved by separate
    /// items, which take turns here; an item whose read is older than another's write reads the record again first,
    /// so that neither loses the other's change.
    /// </summary>
    internal sealed class RecordGate
    {
        public System.Threading.SemaphoreSlim Turn { get; } = new System.Threading.SemaphoreSlim(1, 1);

        private int _writes;

        /// <summary>Writes made to the record by this call so far.</summary>
        public int Writes => System.Threading.Volatile.Read(ref _writes);

        public void Wrote() => System.Threading.Interlocked.Increment(ref _writes);
    }
}
