using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>One request to the API: what to send and how it may be repeated.</summary>
    internal sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string path)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        public HttpMethod Method { get; }

        /// <summary>The path under the API root, e.g. organizations/{org}/runs.</summary>
        public string Path { get; }

        /// <summary>An absolute address sent to instead of the API root and <see cref="Path"/> (an OAuth token URL set on its own).</summary>
        public Uri? Address { get; set; }

        public IReadOnlyList<KeyValuePair<string, string>>? Query { get; set; }

        /// <summary>Serialized as JSON.</summary>
        public object? JsonBody { get; set; }

        /// <summary>A JSON body given as text, sent as it is (Invoke-TallyfyApi -Body).</summary>
        public string? JsonText { get; set; }

        /// <summary>Keeps the answer's headers (<see cref="ApiResponse.Headers"/>): Invoke-TallyfyApi -Raw.</summary>
        public bool KeepHeaders { get; set; }

        /// <summary>Sent as application/x-www-form-urlencoded (OAuth).</summary>
        public IReadOnlyList<KeyValuePair<string, string>>? Form { get; set; }

        /// <summary>Sent without a bearer token (the OAuth token request itself).</summary>
        public bool Anonymous { get; set; }

        /// <summary>May be sent again after an unknown outcome even though it is not a read (a token request).</summary>
        public bool Repeatable { get; set; }

        /// <summary>Sent once only: a failure is returned as it is (tab completion must answer at once).</summary>
        public bool SingleTry { get; set; }

        /// <summary>
        /// For a change whose outcome is unknown (no answer, or a 5xx): reads whether it is in place (a
        /// <see cref="Verification"/>). The reads it sends go through the same counter, so they count against the item's retries.
        /// </summary>
        public Func<RequestCounter, Task<Verification>>? VerifyApplied { get; set; }

        public bool IsRead => Method == HttpMethod.Get || Method == HttpMethod.Head;

        public override string ToString() => Method.Method + " " + Path;
    }
}
