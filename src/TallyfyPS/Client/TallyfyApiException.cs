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
        /// <summary>404: no such record (or route).</summary>
        NotFound,
        /// <summary>409 and other 4xx answers.</summary>
        Conflict,
        /// <summary>429 after every retry.</summary>
        RateLimited,
        /// <summary>5xx after every retry.</summary>
        ServerError,
        /// <summary>The connection failed or timed out after every retry.</summary>
        Transport,
        /// <summary>The answer was not what the contract says (HTML, bad JSON, wrong types, too large, redirect).</summary>
        InvalidResponse,
    }

    /// <summary>
    /// A failed Tallyfy call. The message is the service's own where it gave one; it never holds
    /// a token. <see cref="RequestId"/> is the service's X-Request-Id, for support tickets.
    /// </summary>
    public sealed class TallyfyApiException : Exception
    {
        public TallyfyApiException(TallyfyErrorKind kind, string message, int? statusCode = null,
            string? errorCode = null, string? requestId = null, int attempts = 1, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            RequestId = requestId;
            Attempts = attempts;
        }

        public TallyfyErrorKind Kind { get; }

        /// <summary>The HTTP status of the last answer, or null when none came.</summary>
        public int? StatusCode { get; }

        /// <summary>The service's machine-readable code, e.g. RESOURCE_NOT_FOUND.</summary>
        public string? ErrorCode { get; }

        public string? RequestId { get; }

        /// <summary>How many times the request was sent.</summary>
        public int Attempts { get; internal set; }

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
                case 429:
                    return TallyfyErrorKind.RateLimited;
            }

            return code >= 500 ? TallyfyErrorKind.ServerError : TallyfyErrorKind.Conflict;
        }
    }
}
