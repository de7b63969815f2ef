using System;

namespace TallyfyPS.Client
{
    /// <summary>One request sent once: the answer, a redirect to follow, or the failure that left no answer.</summary>
    internal sealed class Attempt : IDisposable
    {
        private Attempt(ApiResponse? response, Exception? error, Uri? redirect, int status, TimeSpan? retryAfter)
        {
            Response = response;
            Error = error;
            Redirect = redirect;
            Status = status;
            RetryAfter = retryAfter;
        }

        public ApiResponse? Response { get; }

        /// <summary>Why no answer came (connection refused or broken, timeout).</summary>
        public Exception? Error { get; }

        public Uri? Redirect { get; }

        /// <summary>The HTTP status, 0 when no answer came.</summary>
        public int Status { get; }

        public TimeSpan? RetryAfter { get; }

        public static Attempt Answered(ApiResponse response, TimeSpan? retryAfter) => new Attempt(response, null, null, response.Status, retryAfter);

        public static Attempt Redirected(int status, Uri target) => new Attempt(null, null, target, status, null);

        public static Attempt NoAnswer(Exception error) => new Attempt(null, error, null, 0, null);

        /// <summary>What happened, for messages: "HTTP 503 Service Unavailable" or the connection error.</summary>
        public string Describe() => Response != null
            ? ("HTTP " + Status + " " + ApiErrorReader.ReasonOf(Status)).TrimEnd()
            : DescribeError(Error);

        internal static string DescribeError(Exception? ex)
        {
            if (ex is null)
            {
                return "no answer";
            }

            Exception inner = ex;
            while (inner.InnerException != null && (inner is System.Net.Http.HttpRequestException || inner is AggregateException))
            {
                inner = inner.InnerException;
            }

            return inner.Message;
        }

        public void Dispose() => Response?.Dispose();
    }
}
