using System;

namespace TallyfyPS.Model
{
    /// <summary>
    /// A signed-in connection to Tallyfy: who, which organization, where, with what role. Plain data: the
    /// connection itself (one HTTP client and its connection pool) is kept by the module for the session's
    /// life and never shown, and neither is the token. Pass it with -Session to ForEach-Object -Parallel or
    /// thread jobs.
    /// </summary>
    public sealed class TallyfySession
    {
        internal TallyfySession(TallyfyUser user, string organizationId, string? organizationName, Uri baseUri,
            string authenticationSource, int maxRetries, TimeSpan requestTimeout, string? role)
        {
            User = user;
            OrganizationId = organizationId;
            OrganizationName = organizationName;
            BaseUri = baseUri;
            AuthenticationSource = authenticationSource;
            MaxRetries = maxRetries;
            RequestTimeout = requestTimeout;
            Role = role;
            ConnectedAt = new TallyfyTimestamp(DateTimeOffset.Now);
        }

        public TallyfyUser User { get; }
        public string OrganizationId { get; }
        public string? OrganizationName { get; }

        /// <summary>The user's role in the organization (admin, standard, light); null when it could not be read.</summary>
        public string? Role { get; }

        public Uri BaseUri { get; }

        /// <summary>Where the credentials came from (never the credentials): a parameter, or the environment variable named.</summary>
        public string AuthenticationSource { get; }

        /// <summary>Where the base URI came from: "BaseUri parameter", "environment variable TALLYFY_BASE_URI" (or TALLYFY_BASE_URL), or "default".</summary>
        public string BaseUriSource { get; internal set; } = "default";

        /// <summary>The OAuth token endpoint of the session; null when it signed in with a personal access token.</summary>
        public Uri? TokenUri { get; internal set; }

        /// <summary>Where the token endpoint came from: "TokenUri parameter", "environment variable TALLYFY_TOKEN_URI", or "default" (oauth/token under the base URI); null without OAuth.</summary>
        public string? TokenUriSource { get; internal set; }

        /// <summary>The proxy the session goes through (Connect-Tallyfy -Proxy); null when the system's settings apply.</summary>
        public Uri? Proxy { get; internal set; }

        /// <summary>Where the proxy came from: "Proxy parameter", or the system settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).</summary>
        public string ProxySource { get; internal set; } = "system settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)";

        /// <summary>How the session signs in to its proxy ("as jane", "as the current user"), never with the password; null for not at all.</summary>
        public string? ProxyAuthentication { get; internal set; }

        public TallyfyTimestamp ConnectedAt { get; }
        public int MaxRetries { get; }
        public TimeSpan RequestTimeout { get; }

        /// <summary>The longest wait for one 429, in seconds (Connect-Tallyfy -MaxWaitSec): a longer one is not waited for.</summary>
        public int MaxWaitSec { get; internal set; } = 60;
        public bool IsDisconnected { get; internal set; }

        public override string ToString() =>
            $"{User} @ {OrganizationName ?? OrganizationId} ({BaseUri.GetLeftPart(UriPartial.Authority)})";
    }
}
