using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>What one change did to one record, before it becomes a PowerShell result object.</summary>
    internal abstract class RecordOutcome
    {
        /// <summary>The record's name (or task title), where an answer or the input said it.</summary>
        public string? Name { get; set; }

        /// <summary>The HTTP status that settled the outcome; null when nothing was sent.</summary>
        public int? HttpStatus { get; set; }

        public string? Message { get; set; }

        /// <summary>The service's X-Request-Id of the answer that settled the outcome.</summary>
        public string? RequestId { get; set; }

        /// <summary>
        /// Set once the change itself was sent: a failure without an answer after that may have been applied (Unknown
        /// where the outcome can say so), not a plain failure.
        /// </summary>
        public bool MutationSent { get; set; }

        /// <summary>Set when the item failed: the error to report.</summary>
        public TallyfyApiException? Error { get; set; }

        /// <summary>True when the service's data was changed (what a stopped command must still report).</summary>
        public abstract bool Changed { get; }

        /// <summary>The outcome's status as a word (for summaries and warnings).</summary>
        public abstract string StatusText { get; }

        /// <summary>Records a failure and what its answer said.</summary>
        /// <param name="requestsSent">Requests sent for the item: a request that was not sent after others were is a failure, not "not attempted".</param>
        internal void Fail(TallyfyApiException error, int requestsSent, string? message = null)
        {
            Error = error;
            HttpStatus = error.StatusCode ?? HttpStatus;
            RequestId = error.RequestId ?? RequestId;
            Message = message ?? error.Message;
            // (a rate limit's 429 is a refusal: the item is NotAttempted however many requests it sent)
            OnFailed(error.Kind == TallyfyErrorKind.NotSent && requestsSent > 0 && error.NotSentReason != NotSentReason.RateLimited ? TallyfyErrorKind.Transport : error.Kind);
        }

        /// <summary>
        /// Records that a change was sent and no answer settled whether it was applied: the error (OutcomeUnknown, with
        /// <paramref name="message"/> saying how to check) and what the last answer said. The caller sets the status.
        /// </summary>
        internal void SetUnknown(string message, TallyfyApiException? cause)
        {
            Error = new TallyfyApiException(TallyfyErrorKind.Transport, message, cause?.StatusCode, TallyfyApiException.OutcomeUnknownCode, cause?.RequestId ?? RequestId, cause);
            Message = message;
            HttpStatus = cause?.StatusCode;
        }

        /// <summary>Declined at a prompt: nothing was sent.</summary>
        internal void Skip()
        {
            Message = "Declined at the confirmation prompt; nothing was sent.";
            OnSkipped();
        }

        /// <summary>Sets the status a failure of this kind means.</summary>
        protected abstract void OnFailed(TallyfyErrorKind kind);

        protected abstract void OnSkipped();
    }
}
