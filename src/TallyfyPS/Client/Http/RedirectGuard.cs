using System;
using System.Net.Http;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Redirects are followed only for reads, only to the same scheme, host and port as the base URI (so the
    /// access token is never sent elsewhere), and at most five times for one request.
    /// </summary>
    internal sealed class RedirectGuard
    {
        public const int MaxRedirects = 5;
        private readonly Uri _baseUri;

        public RedirectGuard(Uri baseUri)
        {
            _baseUri = baseUri;
        }

        /// <summary>Where a 3xx with a Location points, or null when the answer is no redirect.</summary>
        public static Uri? TargetOf(HttpResponseMessage raw, Uri requested)
        {
            int status = (int)raw.StatusCode;
            if (status < 300 || status >= 400 || raw.Headers.Location is null)
            {
                return null;
            }

            return raw.Headers.Location.IsAbsoluteUri ? raw.Headers.Location : new Uri(requested, raw.Headers.Location);
        }

        /// <summary>Throws unless <paramref name="target"/> may be followed as redirect number <paramref name="count"/>.</summary>
        public void Check(ApiRequest request, int status, Uri target, int count)
        {
            if (!SameOrigin(target, _baseUri))
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service redirected the request to another host ({target.GetLeftPart(UriPartial.Authority)}). " +
                    $"TallyfyPS does not follow redirects away from {_baseUri.GetLeftPart(UriPartial.Authority)}, so the access token is never sent elsewhere; check the base URI.",
                    status);
            }

            if (!request.IsRead || count > MaxRedirects)
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service answered HTTP {status} with a redirect that TallyfyPS does not follow for {request.Method.Method}.", status);
            }
        }

        private static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
    }
}
