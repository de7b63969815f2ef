using System;
using System.Net;

namespace TallyfyPS.Client
{
    /// <summary>What went wrong with a call, in terms a caller can act on.</summary>
    public enum TallyfyErrorKind
    {
        /// <summary>400 or 422: the service refused the request's content.</summary>
        Invalid,
        /// <summary>401: the token is missing, wrong, expired or revoked.</summary>
        Unauthorized,
        /// <summary>403: the user may not do this (role, organization or business rule).</summary>
        Forbidden,
        /// <summary>404 or 410: no such record (or route).</summary>
        NotFound,
        /// <summary>409: the record is in a state that does not allow the change.</summary>
        Conflict,
        /// <summary>Any other 4xx answer (405, 413, ...).</summary>
        ClientError,
        /// <summary>429 after every retry.</summary>
        RateLimited,
        /// <summary>5xx after every retry.</summary>
        ServerError,
        /// <summary>The connection failed or timed out after every retry.</summary>
        Transport,
        /// <summary>The answer was not what the contract says (HTML, bad JSON, wrong types, too large, redirect).</summary>
        InvalidResponse,
        /// <summary>The request was never sent: see <see cref="TallyfyApiException.NotSentReason"/>.</summary>
        NotSent,
        /// <summary>407: the proxy between TallyfyPS and Tallyfy wants credentials (never retried).</summary>
        ProxyAuthenticationRequired,
    }

    /// <summary>Why a request was not sent at all.</summary>
    public enum NotSentReason
    {
        /// <summary>The command stopped (its pipeline stopped, or Ctrl+C) before the request's turn.</summary>
        Stopped,
        /// <summary>Tallyfy had not answered for a while, so the command stopped sending.</summary>
        ServiceUnavailable,
        /// <summary>Tallyfy refused the credentials several times in a row and they cannot be renewed.</summary>
        Unauthorized,
        /// <summary>Tallyfy refused the same action for lack of permission (403) several times in a row.</summary>
        Forbidden,
        /// <summary>
        /// A 429 asked to wait longer than the session waits (-MaxWaitSec, an hourly cap): this action is not sent again
        /// in this call (see <see cref="TallyfyApiException.Limit"/>). The request that got the 429 was refused, not applied.
        /// </summary>
        RateLimited,
    }

    /// <summary>
    /// A failed Tallyfy call. The message is the service's own where it gave one; it never holds
    /// a token. <see cref="RequestId"/> is the service's X-Request-Id, for support tickets.
    /// </summary>
    public sealed class TallyfyApiException : Exception
    {
        public TallyfyApiException(TallyfyErrorKind kind, string message, int? statusCode = null,
            string? errorCode = null, string? requestId = null, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            RequestId = requestId;
        }

        private TallyfyApiException(NotSentReason reason, string message, RateLimitInfo? limit = null, int? statusCode = null, string? requestId = null)
            : base(message)
        {
            Kind = TallyfyErrorKind.NotSent;
            NotSentReason = reason;
            Limit = limit;
            StatusCode = statusCode;
            RequestId = requestId;
        }

        /// <summary>Set when <see cref="NotSentReason"/> is RateLimited: the limit, and when it frees up.</summary>
        internal RateLimitInfo? Limit { get; }

        /// <summary>A request of an action whose rate limit asks for a longer wait than the session makes: not sent (or refused with 429).</summary>
        internal static TallyfyApiException Limited(RateLimitInfo limit, string message, int? statusCode = null, string? requestId = null) =>
            new TallyfyApiException(Client.NotSentReason.RateLimited, message, limit, statusCode, requestId);

        public TallyfyErrorKind Kind { get; }

        /// <summary>The HTTP status of the last answer, or null when none came.</summary>
        public int? StatusCode { get; }

        /// <summary>The service's machine-readable code, e.g. RESOURCE_NOT_FOUND.</summary>
        public string? ErrorCode { get; }

        public string? RequestId { get; }

        /// <summary>The field errors of a 400/422 answer (field name to its messages); null when it listed none.</summary>
        public System.Collections.Generic.IReadOnlyDictionary<string, string[]>? FieldErrors { get; internal set; }
        /// <summary>The error's details where the answer gave them (<c>{"error":{"details":{"pool_type":"full"}}}</c>); empty otherwise.</summary>
        internal System.Collections.Generic.IReadOnlyDictionary<string, string> Details { get; set; } = new System.Collections.Generic.Dictionary<string, string>();

        /// <summary>Set when <see cref="Kind"/> is NotSent: why nothing was sent.</summary>
        public NotSentReason? NotSentReason { get; }

        /// <summary>True for a failure after which retrying (429, 5xx, no answer) was pointless because every retry was spent.</summary>
        public bool GaveUp => Kind == TallyfyErrorKind.RateLimited || Kind == TallyfyErrorKind.ServerError || Kind == TallyfyErrorKind.Transport;

        /// <summary>
        /// The <see cref="ErrorCode"/> of a change that was sent and that no answer or read could settle (it may have
        /// been applied): set by the client, never by the service.
        /// </summary>
        public const string OutcomeUnknownCode = "TALLYFYPS_OUTCOME_UNKNOWN";

        /// <summary>A request that was never sent.</summary>
        public static TallyfyApiException NotSent(NotSentReason reason, string message) => new TallyfyApiException(reason, message);

        internal static TallyfyErrorKind KindOf(HttpStatusCode status)
        {
            int code = (int)status;
            switch (code)
            {
                case 400:
                case 422:
                    return TallyfyErrorKind.Invalid;
                case 401:
                    return TallyfyErrorKind.Unauthorized;
                case 403:
                    return TallyfyErrorKind.Forbidden;
                case 404:
                case 410:
                    return TallyfyErrorKind.NotFound;
                case 409:
                    return TallyfyErrorKind.Conflict;
                case 429:
                    return TallyfyErrorKind.RateLimited;
            }

            return code >= 500 ? TallyfyErrorKind.ServerError : TallyfyErrorKind.ClientError;
        }
    }
}
