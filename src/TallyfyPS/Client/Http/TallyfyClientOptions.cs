using System;

namespace TallyfyPS.Client
{
    /// <summary>Settings of one client (one session).</summary>
    internal sealed class TallyfyClientOptions
    {
        public TallyfyClientOptions(Uri baseUri, ITokenProvider token)
        {
            BaseUri = UriPolicy.NormalizeBase(baseUri);
            Token = token ?? throw new ArgumentNullException(nameof(token));
        }

        /// <summary>The API root, e.g. https://go.tallyfy.com/api/ (always with a trailing slash).</summary>
        public Uri BaseUri { get; }

        public ITokenProvider Token { get; }

        /// <summary>
        /// How many requests may follow a failure for one item (0 = none): retries, and reads that check
        /// whether a change was applied. Default 5.
        /// </summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>How long one request may take before it counts as failed. Default 100 s.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>Connections kept open to the service; at least the concurrency in use (-ThrottleLimit goes up to 64). Default 64.</summary>
        public int MaxConnections { get; set; } = 64;

        /// <summary>The largest answer read; anything larger is refused as an invalid answer. Default 32 MiB.</summary>
        public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

        /// <summary>The first backoff delay; doubled each retry, with jitter. Default 0.5 s.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>
        /// The longest wait the session makes for one 429 (-MaxWaitSec). A 429 that asks for longer (an hourly cap) is not
        /// waited for: its action is not sent again in that call. Default 60 s.
        /// </summary>
        public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>The proxy of the session (Connect-Tallyfy -Proxy); null for the system's and environment's settings.</summary>
        public ProxySettings? Proxy { get; set; }

        /// <summary>The longest wait between two tries. Default 30 s.</summary>
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
    }
}
