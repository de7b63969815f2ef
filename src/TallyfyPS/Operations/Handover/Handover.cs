using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// The handover: what a member is assigned to (open tasks, runs owned and joined, template steps, groups), and moving
    /// those assignments to another member one record at a time: the record read fresh once, every assignment of the call on
    /// it changed in one write, and everything else on it (other owners, guests, groups, members) sent back as it was,
    /// because Tallyfy empties what an update leaves out.
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <summary>Every assignment of <paramref name="user"/> that still matters, record by record (a run's owner and member rows together).</summary>
        public async Task<IReadOnlyList<TallyfyAssignment>> ListAssignmentsAsync(string organizationId, TallyfyUser user, CallContext context)
        {
            var found = new List<TallyfyAssignment>();
            TallyfyAssignment Row(TallyfyAssignmentKind kind, string id, string? name) => new TallyfyAssignment
            {
                Kind = kind,
                Id = id,
                Name = name,
                From = user.Email ?? user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                FromId = user.Id,
                OrganizationId = organizationId,
            };

            // Runs: no filter names a run's members, so one walk of the live runs finds both owner and member (completed runs
            // are history); it names the runs of the tasks too.
            IReadOnlyList<RunSnapshot> runs = await Api.ListRunSnapshots(organizationId).AllAsync(context).ConfigureAwait(false);
            var runsById = runs.GroupBy(r => r.Run.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Run, StringComparer.OrdinalIgnoreCase);

            // Open tasks, of runs and one-off: the owners filter (checked again here), completed and skipped ones left as history.
            foreach (TallyfyTask task in await Api.ListTasksOwnedBy(organizationId, user.Id).AllAsync(context).ConfigureAwait(false))
            {
                TallyfyRun? run = task.RunId is null ? null : runsById.TryGetValue(task.RunId, out TallyfyRun? r) ? r : null;
                if (!task.Owners.Users.Contains(user.Id) || task.IsArchived || IsDone(task) || (task.RunId != null && run is null))
                {
                    continue; // (a task whose run is not among the live runs belongs to an archived run)
                }

                TallyfyAssignment row = Row(task.RunId is null ? TallyfyAssignmentKind.OneOffTask : TallyfyAssignmentKind.RunTask, task.Id, task.Title);
                row.RunId = task.RunId;
                row.RunName = run?.Name;
                row.TemplateId = run?.TemplateId ?? task.TemplateId;
                row.TemplateName = run?.TemplateName;
                found.Add(row);
            }

            foreach (RunSnapshot run in runs)
            {
                if (run.Run.IsArchived || string.Equals(run.Run.Status, "complete", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (TallyfyAssignmentKind kind in new[] { TallyfyAssignmentKind.RunOwner, TallyfyAssignmentKind.RunMember })
                {
                    if (kind == TallyfyAssignmentKind.RunOwner ? run.Run.OwnerId == user.Id : run.Users.Contains(user.Id))
                    {
                        TallyfyAssignment row = Row(kind, run.Run.Id, run.Run.Name);
                        row.RunId = run.Run.Id;
                        row.RunName = run.Run.Name;
                        row.TemplateId = run.Run.TemplateId;
                        row.TemplateName = run.Run.TemplateName;
                        found.Add(row);
                    }
                }
            }

            foreach (StepSnapshot step in await Api.ListTemplateStepsAsync(organizationId, context).ConfigureAwait(false))
            {
                if (step.Assignees.Contains(user.Id))
                {
                    TallyfyAssignment row = Row(TallyfyAssignmentKind.TemplateStep, step.Id, step.Title);
                    row.TemplateId = step.TemplateId;
                    row.TemplateName = step.TemplateName;
                    found.Add(row);
                }
            }

            foreach (TallyfyGroup group in await Api.ListGroups(organizationId, null, withMembers: false).AllAsync(context).ConfigureAwait(false))
            {
                if (group.MemberIds.Contains(user.Id))
                {
                    found.Add(Row(TallyfyAssignmentKind.GroupMember, group.Id, group.Name));
                }
            }

            return found;
        }

        private static bool IsDone(TallyfyTask task) => task.CompletedAt != null
            || string.Equals(task.Status, "completed", StringComparison.OrdinalIgnoreCase)
            || string.Equals(task.Status, "auto-skipped", StringComparison.OrdinalIgnoreCase);

        /// <summary>The record read fresh (one request), into <paramref name="move"/>; its moves decided from it.</summary>
        /// <remarks>The caller notes <see cref="RecordMove.ReadAtWrite"/> first (the record's writes in this call so far).</remarks>
        public async Task<RecordState> ReadForMoveAsync(string organizationId, RecordMove move, RequestCounter counter)
        {
            switch (move.Record)
            {
                case MovedRecord.Task:
                    move.Task = await ReadTaskForUpdateAsync(organizationId, move.Id, move.RunId, counter).ConfigureAwait(false);
                    move.Name = move.Task.Task.Title;
                    break;
                case MovedRecord.Run:
                    move.Run = await ReadRunForUpdateAsync(organizationId, move.Id, withFields: false, counter).ConfigureAwait(false);
                    move.Name = move.Run.Run.Name;
                    break;
                case MovedRecord.Step:
                    move.Step = await Api.GetStepAsync(organizationId, move.TemplateId!, move.Id, counter).ConfigureAwait(false);
                    move.Name = move.Step.Title;
                    break;
                default:
                    move.Group = await Api.FindGroupAsync(organizationId, move.Id, move.Name, counter.Context).ConfigureAwait(false)
                        ?? throw new TallyfyApiException(TallyfyErrorKind.NotFound, $"No group with id {move.Id} is in organization {organizationId}.", 404);
                    move.Name = move.Group.Name;
                    break;
            }

            move.Decide();
            bool archived = move.Task?.Task.IsArchived == true || move.Run?.Run.IsArchived == true;
            return new RecordState(archived ? KnownState.Archived : KnownState.Live, move.Name, null, move.RunId);
        }

        /// <summary>
        /// The one write of a record that moves its pending assignments: a task's owners (all three buckets), a run's owner
        /// and members (members and groups both sent), a step's title and three buckets, a group's name, description,
        /// members and guests. Each is the whole state, so a lost answer is simply sent again.
        /// </summary>
        public async Task<HandoverOutcome> MoveAsync(string organizationId, RecordMove move, RecordGate gate, RequestCounter counter)
        {
            await gate.Turn.WaitAsync(counter.Context.Cancellation).ConfigureAwait(false);
            try
            {
                if (gate.Writes != move.ReadAtWrite)
                {
                    // Another item of this call wrote the record since it was read: read it again, and decide again.
                    move.ReadAtWrite = gate.Writes;
                    await ReadForMoveAsync(organizationId, move, counter).ConfigureAwait(false);
                    if (!move.Pending.Any())
                    {
                        return new HandoverOutcome { Status = ChangeStatus.Existing, Record = move, Name = move.Name };
                    }
                }

                HandoverOutcome outcome = await WriteAsync(organizationId, move, counter).ConfigureAwait(false);
                if (outcome.Changed)
                {
                    gate.Wrote();
                }

                return outcome;
            }
            finally
            {
                gate.Turn.Release();
            }
        }

        private async Task<HandoverOutcome> WriteAsync(string organizationId, RecordMove move, RequestCounter counter)
        {
            var pending = move.Pending.ToList();
            switch (move.Record)
            {
                case MovedRecord.Task:
                {
                    TallyfyTask task = move.Task!.Task;
                    var owners = new ResolvedOwners();
                    owners.Users.AddRange(RecordMove.Replace(task.Owners.Users, pending));
                    owners.Guests.AddRange(task.Owners.Guests);
                    owners.Groups.AddRange(task.Owners.Groups);
                    TaskUpdateOutcome updated = await UpdateTaskAsync(organizationId, task, new TaskChange { Owners = owners }, counter).ConfigureAwait(false);
                    return HandoverOutcome.From(updated, move);
                }

                case MovedRecord.Run:
                {
                    RunSnapshot run = move.Run!;
                    var members = pending.Where(m => m.Row.Kind == TallyfyAssignmentKind.RunMember).ToList();
                    AssignmentMove? owner = pending.FirstOrDefault(m => m.Row.Kind == TallyfyAssignmentKind.RunOwner);
                    var changed = new RunSnapshot(run.Run, RecordMove.Replace(run.Users, members), run.Groups, run.KickoffFields);
                    RunUpdateOutcome updated = await UpdateRunAsync(organizationId, changed, new RunChange { OwnerId = owner?.ToId }, counter).ConfigureAwait(false);
                    return HandoverOutcome.From(updated, move);
                }

                case MovedRecord.Step:
                {
                    TallyfyStep step = move.Step!;
                    var assignees = new ResolvedOwners();
                    assignees.Users.AddRange(RecordMove.Replace(step.Assignees.Users, pending));
                    assignees.Guests.AddRange(step.Assignees.Guests);
                    assignees.Groups.AddRange(step.Assignees.Groups);
                    StepUpdateOutcome updated = await UpdateStepAssigneesAsync(organizationId, move.TemplateId!, step, assignees, counter).ConfigureAwait(false);
                    return HandoverOutcome.From(updated, move);
                }

                default:
                {
                    TallyfyGroup group = move.Group!;
                    GroupOutcome updated = await UpdateGroupAsync(organizationId, group.Id, group.Name, group.Description ?? string.Empty,
                        RecordMove.Replace(group.MemberIds, pending), group.Guests, counter).ConfigureAwait(false);
                    return HandoverOutcome.From(updated, move);
                }
            }
        }
    }
}
