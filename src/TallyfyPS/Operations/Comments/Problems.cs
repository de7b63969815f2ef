using System;
using System.Collections.Generic;
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
    /// Problems: reported on a task or a run (AddCommentAsync with the problem label), resolved here through Tallyfy's
    /// resolved-threads (a comment labelled resolve resolves nothing). An open problem locks its run.
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <summary>The threads a problem of <paramref name="taskId"/> (or of the run itself when null) is found among.</summary>
        public async Task<IReadOnlyList<TallyfyComment>> GetThreadsAsync(string organizationId, string? taskId, string? runId, RequestCounter counter) =>
            taskId is null
                ? await GetRunCommentsAsync(organizationId, runId!, counter).ConfigureAwait(false)
                : await GetTaskCommentsAsync(organizationId, taskId, runId, counter).ConfigureAwait(false);

        /// <summary>
        /// Resolves the problem <paramref name="threadId"/> of a task (or of the run itself when <paramref name="taskId"/> is
        /// null) with <paramref name="content"/>. Done with the resolution; Existing when Tallyfy says it is resolved already.
        /// A lost answer is checked by reading the threads: a problem with a resolve_id was resolved.
        /// </summary>
        public async Task<ProblemOutcome> ResolveProblemAsync(string organizationId, string? taskId, string? runId, string threadId, string content, RequestCounter counter)
        {
            var outcome = new ProblemOutcome();
            object id = long.TryParse(threadId, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : (object)threadId;
            string path = taskId is null ? Paths.RunResolvedThreads(organizationId, runId!) : Paths.TaskResolvedThreads(organizationId, taskId);
            string? resolvedBy = null;
            int sentBefore = counter.Sent;
            try
            {
                using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Post, path)
                {
                    JsonBody = new Dictionary<string, object?> { ["thread_id"] = id, ["content"] = content },
                    VerifyApplied = async c =>
                    {
                        (IReadOnlyList<TallyfyComment> threads, _) = await ThreadsOfAsync(organizationId, taskId, runId, c).ConfigureAwait(false);
                        resolvedBy = threads.FirstOrDefault(t => t.Id == threadId)?.ResolveId;
                        return Verification.Of(resolvedBy != null);
                    },
                }, counter).ConfigureAwait(false);
                outcome.MutationSent = true;
                outcome.RequestId = r.RequestId;
                if (r.AppliedByVerification)
                {
                    outcome.Status = ChangeStatus.Done;
                    outcome.HttpStatus = 201;
                    outcome.ResolutionId = resolvedBy;
                    outcome.Message = "The connection failed before the answer came; a read showed the problem resolved.";
                    return outcome;
                }

                outcome.HttpStatus = r.Status;
                if (r.IsSuccess)
                {
                    TallyfyComment resolution = Mapper.Comment(r.Data(), taskId);
                    resolution.RunId = runId;
                    resolution.OrganizationId = organizationId;
                    outcome.Record = resolution;
                    outcome.ResolutionId = resolution.Id;
                    outcome.Status = ChangeStatus.Done;
                    return outcome;
                }

                TallyfyApiException error = r.ToException();
                if (r.Status == 422 && error.Message.IndexOf("already resolved", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    outcome.Status = ChangeStatus.Existing;
                    outcome.Message = "Tallyfy says it is resolved already; nothing changed.";
                    return outcome;
                }

                return NotDone(outcome, r, counter, (why, cause) => ResolveUnknown(outcome, taskId, runId, why, cause));
            }
            catch (TallyfyApiException ex)
            {
                outcome.MutationSent = counter.Sent > sentBefore && ex.NotSentReason != NotSentReason.RateLimited; // a 429 refused it
                return NotDone(outcome, ex, outcome.MutationSent, counter, (why, cause) => ResolveUnknown(outcome, taskId, runId, why, cause));
            }
        }

        private static ProblemOutcome ResolveUnknown(ProblemOutcome outcome, string? taskId, string? runId, string why, TallyfyApiException? cause)
        {
            string check = taskId is null ? $"-RunId {runId}" : $"-TaskId {taskId}";
            outcome.SetUnknown($"Whether the problem was resolved is unknown ({why}). Check with Get-TallyfyComment {check} -Open before resolving it again.", cause);
            outcome.Status = ChangeStatus.Unknown;
            return outcome;
        }
    }
}
