using System;

namespace TallyfyPS.Client
{
    /// <summary>What the send loop tells the call's <see cref="ServiceHealth"/>: answers, failures, refusals and rate limits, by action.</summary>
    internal sealed partial class TallyfyClient
    {
        /// <summary>
        /// A 429 whose Retry-After is longer than -MaxWaitSec: the call's health learns that the action is limited until
        /// then, and the request fails as NotSent (RateLimited): the service refused it, nothing was applied.
        /// </summary>
        private TallyfyApiException Limited(ApiRequest request, ApiResponse answer, TimeSpan wait, RequestCounter counter)
        {
            TallyfyApiException said = answer.ToException();
            string message = said.Message.TrimEnd('.');
            string cap = said.ErrorCode is null ? message : $"{said.ErrorCode}: {message}";
            var limit = new RateLimitInfo(ActionOf(request), cap, (answer.Date ?? DateTimeOffset.UtcNow) + wait, wait, Options.MaxWait);
            counter.Context.Health.Limited(limit);
            counter.Context.Trace($"{request.Method.Method} {request.Path}: Tallyfy asks to wait {Words.Duration(wait)}, longer than -MaxWaitSec {Options.MaxWait.TotalSeconds:0}: not waited for");
            return TallyfyApiException.Limited(limit, limit.Describe() + "; Tallyfy refused this request (HTTP 429).", 429, answer.RequestId);
        }

        /// <summary>A 407: the proxy the request went through (named) asks for credentials the session did not give.</summary>
        private TallyfyApiException ProxyRefused(Uri uri, RequestCounter counter)
        {
            counter.Context.Health.GaveUp();
            Uri? proxy = ProxySettings.ProxyFor(Options.Proxy, uri);
            string which = proxy is null ? "The proxy" : $"The proxy {proxy.GetLeftPart(UriPartial.Authority)}";
            string given = Options.Proxy?.Authentication is string how ? $" refused the credentials given ({how})" : " asks for credentials, and none were given";
            return new TallyfyApiException(TallyfyErrorKind.ProxyAuthenticationRequired,
                $"{which}{given} (HTTP 407 Proxy Authentication Required); nothing reached Tallyfy, and it was not retried", 407);
        }

        private static void NoteAnswer(int status, RequestCounter counter, ApiRequest request)
        {
            if (status == 401 && !request.Anonymous)
            {
                counter.Context.Health.Unauthorized("HTTP 401 Unauthorized");
            }
            else if (status == 403 && !request.Anonymous)
            {
                counter.Context.Health.Forbidden(ActionOf(request), "HTTP 403 Forbidden");
            }
            else
            {
                counter.Context.Health.Answered(ActionOf(request));
            }
        }

        /// <summary>What a request does, whatever record it is for: "DELETE organizations/{id}/runs/{id}".</summary>
        internal static string ActionOf(ApiRequest request)
        {
            string[] segments = request.Path.Trim('/').Split('/');
            for (int i = 0; i < segments.Length; i++)
            {
                string segment = segments[i];
                bool id = segment.Length > 0;
                foreach (char c in segment)
                {
                    id &= char.IsDigit(c) || (segment.Length >= 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
                }

                if (id)
                {
                    segments[i] = "{id}";
                }
            }

            return request.Method.Method + " " + string.Join("/", segments);
        }

        private static void NoteFailure(Attempt attempt, RequestCounter counter)
        {
            if (attempt.Response is null || RetryPolicy.MeansUnavailable(attempt.Status))
            {
                if (counter.Context.Health.Unanswered(attempt.Describe(), counter, answered: attempt.Response != null) is string warning)
                {
                    counter.Context.Warn(warning);
                }
            }
            else
            {
                counter.Context.Health.Answered();
            }
        }
    }
}
