using System;
using System.Collections.Generic;

namespace TallyfyPS.Model
{
    /// <summary>An answer as it came (Invoke-TallyfyApi -Raw): its status, headers and body text.</summary>
    public sealed class TallyfyApiResponse
    {
        /// <summary>The HTTP status of the answer the retry policy settled on (2xx, or an error status).</summary>
        public int StatusCode { get; set; }

        /// <summary>The answer's headers (content headers too), names case-insensitive; several values joined by ", ".</summary>
        public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The JSON body as text; empty when the answer had none.</summary>
        public string Body { get; set; } = string.Empty;

        /// <summary>Tallyfy's X-Request-Id, for support tickets.</summary>
        public string? RequestId { get; set; }

        /// <summary>"GET organizations/.../runs": what was sent.</summary>
        public string? Request { get; set; }

        /// <summary>Whether the status is 2xx.</summary>
        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        public override string ToString() => $"HTTP {StatusCode}";
    }
}
