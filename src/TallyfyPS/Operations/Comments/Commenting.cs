using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using static TallyfyPS.Client.TallyfyApi;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Comments (the API's threads) on tasks: add, list (of a task, or of a run's tasks), delete. Tallyfy takes only
    /// so many comments an hour from an organization; a 429 that asks for a longer wait than -MaxWaitSec stops the
    /// call's comments (the client's rate-limit handling: <see cref="RateLimitInfo"/>).
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <summary>
        /// Adds a comment to a task, or to the run itself (process level) when <paramref name="taskId"/> is null. A
        /// problem (<paramref name="label"/> problem) is reported through the problem endpoint, which flags the run.
        /// A lost answer is never sent again blindly: the comments are read for one with this
        /// text by <paramref name="authorId"/> posted since it was sent (and not accounted for by <paramref name="ledger"/>).
        /// A 429 that asks to wait longer than -MaxWaitSec (the hourly cap) is not waited for: the comment is NotAttempted.
        /// </summary>
        /// <param name="state">hide-for-guests, open, collapsed.</param>
        public async Task<CommentOutcome> AddCommentAsync(string organizationId, string? taskId, string? runId, string content, string? label, string? state,
            long authorId, ChangeLedger ledger, RequestCounter counter)
        {
            var outcome = new CommentOutcome { Name = content };
            var body = new Dictionary<string, object?> { ["content"] = content };
            bool problem = string.Equals(label, "problem", StringComparison.OrdinalIgnoreCase);
            if (label != null && !problem) body["label"] = label;
            if (state != null) body["state"] = state;
            string path = taskId is null
                ? (problem ? Paths.RunProblem(organizationId, runId!) : Paths.RunComments(organizationId, runId!))
                : (problem ? Paths.TaskProblem(organizationId, taskId) : Paths.TaskComments(organizationId, taskId));
            string key = (taskId ?? runId) + "\n" + content;
            var clock = Stopwatch.StartNew();
            TallyfyComment? found = null;
            int sentBefore = counter.Sent;
            ledger.Begin(key);
            try
            {
                using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Post, path)
                {
                    JsonBody = body,
                    VerifyApplied = async c =>
                    {
                        try
                        {
                            (IReadOnlyList<TallyfyComment> comments, DateTimeOffset now) = await ThreadsOfAsync(organizationId, taskId, runId, c).ConfigureAwait(false);
                            DateTimeOffset since = now - clock.Elapsed - DateSlack;
                            found = ClaimPosted(ledger, key, comments, authorId, content, since, out bool ambiguous);
                            if (ambiguous)
                            {
                                return Verification.Undecided("more than one comment with this text was posted meanwhile"); // never post again on a guess
                            }

                            return Verification.Of(found != null);
                        }
                        catch (TallyfyApiException ex) when (ex.Kind != TallyfyErrorKind.NotSent)
                        {
                            return Verification.Undecided($"reading the task's comments failed: {ex.Message.TrimEnd('.')}");
                        }
                    },
                }, counter).ConfigureAwait(false);
                outcome.MutationSent = true;
                outcome.RequestId = r.RequestId;
                if (r.AppliedByVerification && found != null)
                {
                    found.RunId = runId;
                    found.OrganizationId = organizationId;
                    outcome.Status = ChangeStatus.Done;
                    outcome.HttpStatus = 201;
                    outcome.Record = found;
                    outcome.Message = "The connection failed before the answer came; a read of the task found the comment posted.";
                    return outcome;
                }

                outcome.HttpStatus = r.Status;
                if (r.IsSuccess)
                {
                    TallyfyComment comment = Mapper.Comment(r.Data(), taskId);
                    comment.Label ??= problem ? "problem" : label;
                    comment.RunId = runId;
                    comment.OrganizationId = organizationId;
                    ledger.Claim(comment.Id);
                    outcome.Record = comment;
                    outcome.Status = ChangeStatus.Done;
                    return outcome;
                }

                return NotDone(outcome, r, counter, (why, cause) => CommentUnknown(outcome, taskId, runId, why, cause));
            }
            catch (TallyfyApiException ex)
            {
                outcome.MutationSent = counter.Sent > sentBefore && ex.NotSentReason != NotSentReason.RateLimited; // a 429 refused it
                return NotDone(outcome, ex, outcome.MutationSent, counter, (why, cause) => CommentUnknown(outcome, taskId, runId, why, cause));
            }
            finally
            {
                ledger.End(key);
            }
        }

        /// <summary>
        /// For a rerun with a journal whose earlier call sent this comment and never learnt whether it was posted: the
        /// comment, when the task (or run) shows exactly one with this text by <paramref name="authorId"/> posted since
        /// <paramref name="since"/> and not yet claimed by this call; null when none is there (safe to post); Unknown when
        /// more than one is, or the read fails (never posted twice on a guess).
        /// </summary>
        public async Task<CommentOutcome?> FindInterruptedCommentAsync(string organizationId, string? taskId, string? runId, string content, long authorId,
            DateTimeOffset since, ChangeLedger ledger, RequestCounter counter)
        {
            var outcome = new CommentOutcome { Name = content };
            string key = (taskId ?? runId) + "\n" + content;
            ledger.Begin(key);
            try
            {
                (IReadOnlyList<TallyfyComment> comments, _) = await ThreadsOfAsync(organizationId, taskId, runId, counter).ConfigureAwait(false);
                DateTimeOffset from = since - ClockSkew; // the journal's clock is ours, the comments' the service's
                TallyfyComment? hit = ClaimPosted(ledger, key, comments, authorId, content, from, out bool ambiguous);
                if (ambiguous)
                {
                    outcome.MutationSent = true;
                    return CommentUnknown(outcome, taskId, runId, "an earlier call of this journal had sent it, and more than one comment with this text was posted since");
                }

                if (hit is null)
                {
                    return null;
                }

                hit.RunId = runId;
                hit.OrganizationId = organizationId;
                outcome.Status = ChangeStatus.Done;
                outcome.HttpStatus = 200;
                outcome.Record = hit;
                outcome.Message = "An earlier call of this journal had sent it and never learnt the answer; the task shows it posted.";
                return outcome;
            }
            catch (TallyfyApiException ex) when (ex.Kind != TallyfyErrorKind.NotSent)
            {
                outcome.MutationSent = true;
                return CommentUnknown(outcome, taskId, runId, $"an earlier call of this journal had sent it, and reading the comments failed: {ex.Message.TrimEnd('.')}", ex);
            }
            finally
            {
                ledger.End(key);
            }
        }

        /// <summary>The comments of one task (read with with=threads, through its run where known).</summary>
        public async Task<IReadOnlyList<TallyfyComment>> GetTaskCommentsAsync(string organizationId, string taskId, string? runId, RequestCounter counter) =>
            (await CommentsOfTaskAsync(organizationId, taskId, runId, counter).ConfigureAwait(false)).Comments;

        /// <summary>The comments of a run: those of its tasks, in one read (with=tasks,tasks.threads).</summary>
        public async Task<IReadOnlyList<TallyfyComment>> GetRunCommentsAsync(string organizationId, string runId, RequestCounter counter)
        {
            TallyfyRun run = await Api.GetRunAsync(organizationId, runId, RunInclude.Comments, counter).ConfigureAwait(false);
            foreach (TallyfyComment comment in run.Comments)
            {
                comment.RunId = run.Id;
                comment.OrganizationId = organizationId;
            }

            return run.Comments;
        }

        /// <summary>Deletes a comment. A lost answer is checked by reading the task's comments: gone means deleted.</summary>
        public async Task<RemovalOutcome> DeleteCommentAsync(string organizationId, string taskId, string commentId, string? runId, RequestCounter counter)
        {
            var outcome = new RemovalOutcome();
            try
            {
                using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Delete, Paths.TaskComment(organizationId, taskId, commentId))
                {
                    VerifyApplied = async c =>
                    {
                        (IReadOnlyList<TallyfyComment> comments, _) = await CommentsOfTaskAsync(organizationId, taskId, runId, c).ConfigureAwait(false);
                        return Verification.Of(!comments.Any(x => x.Id == commentId));
                    },
                }, counter).ConfigureAwait(false);
                outcome.RequestId = r.RequestId;
                outcome.HttpStatus = r.AppliedByVerification ? 200 : r.Status;
                if (r.IsSuccess)
                {
                    outcome.Status = TallyfyRemovalStatus.Deleted;
                    if (r.AppliedByVerification)
                    {
                        outcome.Message = "The connection failed before the answer came; a read of the task showed the comment gone.";
                    }

                    return outcome;
                }

                if (r.Status == 404 && counter.RetriesUsed > 0)
                {
                    // A lost answer to an earlier try may have deleted it: look before saying NotFound.
                    (IReadOnlyList<TallyfyComment> comments, _) = await CommentsOfTaskAsync(organizationId, taskId, runId, counter).ConfigureAwait(false);
                    if (!comments.Any(x => x.Id == commentId))
                    {
                        outcome.Status = TallyfyRemovalStatus.Deleted;
                        outcome.HttpStatus = 200;
                        outcome.Message = "The connection failed before an answer came; a read of the task showed the comment gone.";
                        return outcome;
                    }
                }

                outcome.Fail(r.ToException(), counter.Sent);
                return outcome;
            }
            catch (TallyfyApiException ex)
            {
                outcome.Fail(ex, counter.Sent);
                return outcome;
            }
        }

        private async Task<(IReadOnlyList<TallyfyComment> Comments, DateTimeOffset Now)> CommentsOfTaskAsync(string organizationId, string taskId, string? runId, RequestCounter counter)
        {
            string path = runId is null ? Paths.Task(organizationId, taskId) : Paths.RunTask(organizationId, runId, taskId);
            using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Get, path) { Query = WithQuery(TaskQuery.With(TaskInclude.Comments)) }, counter).ConfigureAwait(false);
            r.EnsureSuccess();
            TallyfyTask task = Mapper.Task(r.Data(), organizationId);
            string? run = runId ?? task.RunId;
            foreach (TallyfyComment comment in task.Comments)
            {
                comment.RunId = run;
                comment.OrganizationId = organizationId;
            }

            return (task.Comments, r.Date ?? DateTimeOffset.UtcNow - ClockSkew);
        }

        /// <summary>
        /// The one comment among <paramref name="comments"/> with this text by <paramref name="authorId"/> posted since
        /// <paramref name="since"/> that no other item of the call has claimed (the ledger); null when there is none, or
        /// more than one (<paramref name="ambiguous"/>).
        /// </summary>
        private static TallyfyComment? ClaimPosted(ChangeLedger ledger, string key, IEnumerable<TallyfyComment> comments, long authorId, string content,
            DateTimeOffset since, out bool ambiguous) =>
            ledger.ClaimSingle(key, comments.Where(x => x.AuthorId == authorId && string.Equals(x.Content, content, StringComparison.Ordinal) &&
                (x.CreatedAt is null || x.CreatedAt.Value >= since)), x => x.Id, out ambiguous);

        /// <summary>The threads of a task, or of the run itself (process level) when <paramref name="taskId"/> is null.</summary>
        private async Task<(IReadOnlyList<TallyfyComment> Comments, DateTimeOffset Now)> ThreadsOfAsync(string organizationId, string? taskId, string? runId, RequestCounter counter)
        {
            if (taskId != null)
            {
                return await CommentsOfTaskAsync(organizationId, taskId, runId, counter).ConfigureAwait(false);
            }

            using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Get, Paths.Run(organizationId, runId!)) { Query = WithQuery("threads") }, counter).ConfigureAwait(false);
            r.EnsureSuccess();
            var threads = new List<TallyfyComment>();
            foreach (TallyfyComment comment in Mapper.Run(r.Data(), organizationId).Comments)
            {
                comment.RunId = runId;
                comment.OrganizationId = organizationId;
                threads.Add(comment);
            }

            return (threads, r.Date ?? DateTimeOffset.UtcNow - ClockSkew);
        }

        private static CommentOutcome CommentUnknown(CommentOutcome outcome, string? taskId, string? runId, string why, TallyfyApiException? cause = null)
        {
            string check = taskId is null ? $"-RunId {runId}" : $"-TaskId {taskId}";
            string message = $"Whether the comment was posted is unknown ({why}). Check with Get-TallyfyComment {check} before posting it again.";
            outcome.SetUnknown(message, cause);
            outcome.Status = ChangeStatus.Unknown;
            return outcome;
        }
    }
}
