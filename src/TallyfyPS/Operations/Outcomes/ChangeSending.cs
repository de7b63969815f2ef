using System;
using System.Threading.Tasks;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// The one place a change is sent and its outcome filled: the request id and status of the answer that settled it (a
    /// change a verification read showed applied counts as 200), whether the change went out, and the failure when the
    /// answer was not one <c>settled</c> reads as the outcome, or when no answer came.
    /// </summary>
    internal static class ChangeSending
    {
        /// <param name="settled">Reads an answer into the outcome; false leaves it a failure (the answer's error).</param>
        public static async Task<T> SendChangeAsync<T>(this TallyfyClient http, T outcome, ApiRequest request, RequestCounter counter,
            Func<ApiResponse, Task<bool>> settled)
            where T : RecordOutcome
        {
            int sentBefore = counter.Sent;
            try
            {
                using ApiResponse r = await http.SendAsync(request, counter).ConfigureAwait(false);
                outcome.MutationSent = true;
                outcome.RequestId = r.RequestId;
                outcome.HttpStatus = r.AppliedByVerification ? 200 : r.Status;
                if (!await settled(r).ConfigureAwait(false))
                {
                    outcome.Fail(r.ToException(), counter.Sent);
                }

                return outcome;
            }
            catch (TallyfyApiException ex)
            {
                outcome.MutationSent = counter.Sent > sentBefore && ex.NotSentReason != NotSentReason.RateLimited; // a 429 refused it
                outcome.Fail(ex, counter.Sent);
                return outcome;
            }
        }

        /// <summary>The same, where reading the answer needs no further request.</summary>
        public static Task<T> SendChangeAsync<T>(this TallyfyClient http, T outcome, ApiRequest request, RequestCounter counter, Func<ApiResponse, bool> settled)
            where T : RecordOutcome =>
            http.SendChangeAsync(outcome, request, counter, r => Task.FromResult(settled(r)));
    }
}
