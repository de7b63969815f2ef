using System;
using TallyfyPS.Client;

namespace TallyfyPS.Model
{
    /// <summary>
    /// A signed-in connection to Tallyfy: who, which organization, where. It holds the HTTP client
    /// (one connection pool, reused by every call) and, privately, the token provider; it never
    /// shows the token. Pass it with -Session to ForEach-Object -Parallel or thread jobs.
    /// </summary>
    public sealed class TallyfySession
    {
        internal TallyfySession(TallyfyClient client, TallyfyUser user, string organizationId, string? organizationName)
        {
            Client = client;
            User = user;
            OrganizationId = organizationId;
            OrganizationName = organizationName;
            ConnectedAt = DateTimeOffset.Now;
        }

        public TallyfyUser User { get; }
        public string OrganizationId { get; }
        public string? OrganizationName { get; }
        public Uri BaseUri => Client.Options.BaseUri;
        /// <summary>Where the credentials came from (never the credentials).</summary>
        public string AuthenticationSource => Client.Options.Token.Source;
        public DateTimeOffset ConnectedAt { get; }
        public int MaxRetries => Client.Options.MaxRetries;
        public TimeSpan RequestTimeout => Client.Options.RequestTimeout;
        public bool IsDisconnected { get; internal set; }

        internal TallyfyClient Client { get; }

        public override string ToString() =>
            $"{User} @ {OrganizationName ?? OrganizationId} ({BaseUri.GetLeftPart(UriPartial.Authority)})";
    }

    /// <summary>The current session of this process, set by Connect-Tallyfy. Not a PowerShell variable.</summary>
    internal static class SessionStore
    {
        private static readonly object Lock = new object();
        private static TallyfySession? _current;

        public static TallyfySession? Current
        {
            get
            {
                lock (Lock)
                {
                    return _current;
                }
            }
        }

        public static void Set(TallyfySession session)
        {
            lock (Lock)
            {
                _current = session;
            }
        }

        public static TallyfySession? Clear()
        {
            lock (Lock)
            {
                TallyfySession? old = _current;
                _current = null;
                return old;
            }
        }
    }
}
