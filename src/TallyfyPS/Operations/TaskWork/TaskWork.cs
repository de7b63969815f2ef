using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using static TallyfyPS.Client.TallyfyApi;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Working on tasks and runs: completing (approving, rejecting), reopening, and updating tasks and runs, with the
    /// traps of the service: a completed task completes again (and re-sends its notifications) when asked, a partial
    /// owners object empties the other buckets, an update of a run without its members and groups removes them.
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <summary>How far apart this machine's clock and the service's may be, where an answer carries no Date.</summary>
        private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

        /// <summary>One task, read through its run where the run is known (the path the contract gives), else the organization's.</summary>
        public async Task<TallyfyTask> GetTaskAsync(string organizationId, string id, string? runId, TaskInclude include, RequestCounter counter)
        {
            string path = runId is null ? Paths.Task(organizationId, id) : Paths.RunTask(organizationId, runId, id);
            using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Get, path) { Query = WithQuery(TaskQuery.With(include)) }, counter).ConfigureAwait(false);
            r.EnsureSuccess();
            TallyfyTask task = Mapper.Task(r.Data(), organizationId);
            return runId is null ? task : OfRun(task, runId);
        }

        /// <summary>A task read fresh for an update: its owners, title, deadline, and its form fields' definitions.</summary>
        public async Task<TaskSnapshot> ReadTaskForUpdateAsync(string organizationId, string id, string? runId, RequestCounter counter)
        {
            string path = runId is null ? Paths.Task(organizationId, id) : Paths.RunTask(organizationId, runId, id);
            using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Get, path) { Query = WithQuery(TaskQuery.With(TaskInclude.FormFields)) }, counter).ConfigureAwait(false);
            r.EnsureSuccess();
            return Mapper.TaskSnapshot(r.Data(), organizationId, runId);
        }

        /// <summary>A run read fresh for an update: its members and groups, and (with <paramref name="withFields"/>) its kick-off fields.</summary>
        public async Task<RunSnapshot> ReadRunForUpdateAsync(string organizationId, string id, bool withFields, RequestCounter counter)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Run(organizationId, id)) { Query = WithQuery(withFields ? RunQuery.With(RunInclude.KickoffFields, single: true) : null) };
            using ApiResponse r = await Http.SendAsync(request, counter).ConfigureAwait(false);
            r.EnsureSuccess();
            return Mapper.RunSnapshot(r.Data(), organizationId);
        }

        /// <summary>
        /// Completes a task (approves or rejects an approval with <paramref name="approve"/>). The caller has made sure
        /// it is not completed: Tallyfy would complete it again and re-send its notifications. When no answer comes
        /// (or a 5xx), the task is read before the completion is sent again; a read that cannot tell makes it Unknown.
        /// An answer whose completion time is older than the call means it had been completed since it was read:
        /// AlreadyCompleted.
        /// </summary>
        public async Task<TaskWorkOutcome> CompleteTaskAsync(string organizationId, TallyfyTask task, bool? approve, RequestCounter counter)
        {
            var outcome = new TaskWorkOutcome { Name = task.Title };
            TallyfyTaskCompletionStatus done = approve is null ? TallyfyTaskCompletionStatus.Completed
                : approve.Value ? TallyfyTaskCompletionStatus.Approved : TallyfyTaskCompletionStatus.Rejected;
            var body = new Dictionary<string, object> { ["task_id"] = task.Id };
            if (approve.HasValue)
            {
                body["is_approved"] = approve.Value;
            }

            string path = task.RunId is null ? Paths.CompletedTasks(organizationId) : Paths.RunCompletedTasks(organizationId, task.RunId);
            var clock = Stopwatch.StartNew();
            DateTimeOffset? seenCompletedAt = null;
            int sentBefore = counter.Sent;
            TaskTrust.Changing(task.Id);
            try
            {
                using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Post, path)
                {
                    JsonBody = body,
                    VerifyApplied = async c =>
                    {
                        try
                        {
                            TallyfyTask seen = await GetTaskAsync(organizationId, task.Id, task.RunId, TaskInclude.None, c).ConfigureAwait(false);
                            seenCompletedAt = seen.CompletedAt?.Value;
                            return Verification.Of(string.Equals(seen.Status, "completed", StringComparison.OrdinalIgnoreCase));
                        }
                        catch (TallyfyApiException ex) when (ex.Kind != TallyfyErrorKind.NotSent)
                        {
                            // Never complete again on a guess (it would notify again).
                            return Verification.Undecided($"no answer came, and a read of the task failed: {ex.Message.TrimEnd('.')}");
                        }
                    },
                }, counter).ConfigureAwait(false);
                outcome.MutationSent = true;
                outcome.RequestId = r.RequestId;
                if (r.AppliedByVerification)
                {
                    outcome.Status = done;
                    outcome.HttpStatus = 200;
                    outcome.CompletedAt = seenCompletedAt;
                    outcome.Message = "The connection failed before the answer came; a read showed the task completed.";
                    return outcome;
                }

                outcome.HttpStatus = r.Status;
                if (r.IsSuccess)
                {
                    DateTimeOffset? completedAt = r.Body is null ? null : Json.Date(r.Data(), "completed_at");
                    outcome.CompletedAt = completedAt;
                    // The service's clock says when the call began; without its Date header, ours does, allowing for skew.
                    if (RecordOperations.IsOlder(completedAt, r.Date ?? DateTimeOffset.UtcNow - ClockSkew, clock.Elapsed))
                    {
                        outcome.Status = TallyfyTaskCompletionStatus.AlreadyCompleted;
                        outcome.Message = $"It had been completed (at {completedAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC) since it was read; Tallyfy answered as if it completed it again.";
                        return outcome;
                    }

                    outcome.Status = done;
                    return outcome;
                }

                if (r.Status == 422 && await CompletedSinceReadAsync(organizationId, task, counter).ConfigureAwait(false) is TallyfyTask now)
                {
                    // Tallyfy's docs: completing a completed task answers an error. It was completed since it was read.
                    outcome.Status = TallyfyTaskCompletionStatus.AlreadyCompleted;
                    outcome.CompletedAt = now.CompletedAt?.Value;
                    outcome.Message = $"It had been completed since it was read; Tallyfy refused to complete it again (HTTP 422: {r.ToException().Message.TrimEnd('.')}).";
                    return outcome;
                }

                return NotDone(outcome, r, counter, (why, cause) => WorkUnknown(outcome, task, why, cause));
            }
            catch (TallyfyApiException ex)
            {
                outcome.MutationSent = counter.Sent > sentBefore;
                return NotDone(outcome, ex, outcome.MutationSent, counter, (why, cause) => WorkUnknown(outcome, task, why, cause));
            }
        }

        /// <summary>After a completion answered 422: the task read again if it is completed now, else null (the error stands).</summary>
        private async Task<TallyfyTask?> CompletedSinceReadAsync(string organizationId, TallyfyTask task, RequestCounter counter)
        {
            try
            {
                TallyfyTask seen = await GetTaskAsync(organizationId, task.Id, task.RunId, TaskInclude.None, counter).ConfigureAwait(false);
                return string.Equals(seen.Status, "completed", StringComparison.OrdinalIgnoreCase) ? seen : null;
            }
            catch (TallyfyApiException)
            {
                return null;
            }
        }

        /// <summary>
        /// Reopens a completed task (DELETE .../completed-tasks/{id}). Reopening is the same whether sent once or twice,
        /// so a lost answer is simply sent again.
        /// </summary>
        public async Task<TaskWorkOutcome> ReopenTaskAsync(string organizationId, string taskId, string? runId, string? title, RequestCounter counter)
        {
            var outcome = new TaskWorkOutcome { Name = title };
            string path = runId is null ? Paths.CompletedTask(organizationId, taskId) : Paths.RunCompletedTask(organizationId, runId, taskId);
            TaskTrust.Changing(taskId);
            return await Http.SendChangeAsync(outcome, new ApiRequest(HttpMethod.Delete, path) { Repeatable = true }, counter, r =>
            {
                if (!r.IsSuccess)
                {
                    return false;
                }

                if (r.Body != null && Json.String(r.Data(), "title") is string t)
                {
                    outcome.Name = t;
                }

                outcome.Status = TallyfyTaskCompletionStatus.Reopened;
                return true;
            }).ConfigureAwait(false);
        }

        /// <summary>
        /// Updates a task. <paramref name="current"/> is a fresh read: a one-off task takes its title, deadline and owners
        /// on every call, so what is not changed is sent back as it was; owners always go as all three buckets. The
        /// whole state is sent, so a lost answer is simply sent again.
        /// </summary>
        public async Task<TaskUpdateOutcome> UpdateTaskAsync(string organizationId, TallyfyTask current, TaskChange change, RequestCounter counter)
        {
            var outcome = new TaskUpdateOutcome { Name = change.Title ?? current.Title };
            var body = new Dictionary<string, object?>();
            bool oneOff = current.RunId is null;
            if (change.Title != null || oneOff) body["title"] = change.Title ?? current.Title;
            if (change.Summary != null) body["summary"] = change.Summary;
            if (change.Deadline.HasValue)
            {
                body["deadline"] = WireDates.Deadline(change.Deadline.Value);
            }
            else if (oneOff && current.Deadline != null)
            {
                // Sent back as it was (to the second, the form Tallyfy takes), so an update of something else does not move it.
                body["deadline"] = WireDates.Deadline(current.Deadline.Value);
            }

            if (change.Owners != null)
            {
                body["owners"] = FieldValueConverter.OwnersBody(change.Owners);
            }
            else if (oneOff)
            {
                body["owners"] = new Dictionary<string, object>
                {
                    ["users"] = current.Owners.Users,
                    ["guests"] = current.Owners.Guests,
                    ["groups"] = current.Owners.Groups,
                };
            }

            if (change.TaskData != null && change.TaskData.Count > 0) body["taskdata"] = change.TaskData;
            string path = oneOff ? Paths.Task(organizationId, current.Id) : Paths.RunTask(organizationId, current.RunId!, current.Id);
            var request = new ApiRequest(HttpMethod.Put, path)
            {
                JsonBody = body,
                Query = WithQuery(TaskQuery.With(change.TaskData != null && change.TaskData.Count > 0 ? TaskInclude.FormFields : TaskInclude.None)),
                Repeatable = true,
            };
            return await Http.SendChangeAsync(outcome, request, counter, r =>
            {
                if (!r.IsSuccess)
                {
                    return false;
                }

                TallyfyTask updated = Mapper.Task(r.Data(), organizationId);
                outcome.Record = current.RunId is null ? updated : OfRun(updated, current.RunId);
                outcome.Name = updated.Title;
                outcome.Status = ChangeStatus.Done;
                return true;
            }).ConfigureAwait(false);
        }

        /// <summary>
        /// Updates a run. Tallyfy removes every member and group of a run that an update leaves out, so the members
        /// and groups of <paramref name="current"/> (a fresh read) are always sent back unchanged.
        /// </summary>
        public async Task<RunUpdateOutcome> UpdateRunAsync(string organizationId, RunSnapshot current, RunChange change, RequestCounter counter)
        {
            var outcome = new RunUpdateOutcome { Name = change.Name ?? current.Run.Name };
            var body = new Dictionary<string, object?>
            {
                ["users"] = current.Users.ToArray(),
                ["groups"] = current.Groups.ToArray(),
            };
            if (change.Name != null) body["name"] = change.Name;
            if (change.Summary != null) body["summary"] = change.Summary;
            if (change.OwnerId.HasValue) body["owner_id"] = change.OwnerId.Value;
            if (change.Starred.HasValue) body["starred"] = change.Starred.Value;
            if (change.Prerun != null && change.Prerun.Count > 0) body["prerun"] = change.Prerun;
            var request = new ApiRequest(HttpMethod.Put, Paths.Run(organizationId, current.Run.Id)) { JsonBody = body, Repeatable = true };
            return await Http.SendChangeAsync(outcome, request, counter, r =>
            {
                if (!r.IsSuccess)
                {
                    return false;
                }

                outcome.Record = Mapper.Run(r.Data(), organizationId);
                outcome.Name = outcome.Record.Name;
                outcome.Status = ChangeStatus.Done;
                return true;
            }).ConfigureAwait(false);
        }

        private static TaskWorkOutcome WorkUnknown(TaskWorkOutcome outcome, TallyfyTask task, string why, TallyfyApiException? cause = null)
        {
            string message = $"Whether the task was completed is unknown ({why}). Check with Get-TallyfyTask -Id {task.Id} before completing it again.";
            outcome.SetUnknown(message, cause);
            outcome.Status = TallyfyTaskCompletionStatus.Unknown;
            return outcome;
        }
    }
}
