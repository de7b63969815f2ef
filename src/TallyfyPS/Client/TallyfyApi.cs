using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Tallyfy's API as TallyfyPS uses it: every path, query key, with= value, request body and answer mapping
    /// lives here (and in <see cref="Paths"/>, <see cref="RunQuery"/>, <see cref="TaskQuery"/>, <see cref="Mapper"/>),
    /// so the cmdlets speak in records and queries, never in URLs or JSON. One instance per session.
    /// </summary>
    public sealed partial class TallyfyApi : IDisposable
    {
        private readonly ArchiveLog _archived = new ArchiveLog();

        public TallyfyApi(TallyfyClient http)
        {
            Http = http ?? throw new ArgumentNullException(nameof(http));
            Runs = new RecordOperations(http, RecordKind.Run, _archived);
            OneOffTasks = new RecordOperations(http, RecordKind.Task, _archived);
        }

        /// <summary>The HTTP client underneath (its options: base URI, retries, timeout).</summary>
        public TallyfyClient Http { get; }

        /// <summary>Whether a task object read earlier may be trusted for its status (see <see cref="TaskReadTrust"/>).</summary>
        public TaskReadTrust TaskTrust { get; } = new TaskReadTrust();

        /// <summary>Archive, permanent delete and restore of runs.</summary>
        public RecordOperations Runs { get; }

        /// <summary>Archive, permanent delete and restore of one-off tasks.</summary>
        public RecordOperations OneOffTasks { get; }

        public RecordOperations Records(RecordKind kind) => kind == RecordKind.Run ? Runs : OneOffTasks;

        public void Dispose() => Http.Dispose();

        /// <summary>
        /// How a change that is never sent twice on a guess (a launch, a completion, a comment) ends when its last
        /// answer was not a success: a 5xx after every retry leaves it unknown (<paramref name="unknown"/> says how to
        /// check), anything else is the item's error.
        /// </summary>
        private static T NotDone<T>(T outcome, ApiResponse answer, RequestCounter counter, Func<string, TallyfyApiException, T> unknown)
            where T : RecordOutcome
        {
            TallyfyApiException error = answer.ToException();
            if (answer.Status >= 500)
            {
                return unknown($"the last try answered HTTP {answer.Status}", error);
            }

            outcome.Fail(error, counter.Sent);
            return outcome;
        }

        /// <summary>The same when no answer came: once the change was sent, whether it was applied is unknown.</summary>
        private static T NotDone<T>(T outcome, TallyfyApiException error, bool sent, RequestCounter counter, Func<string, TallyfyApiException, T> unknown)
            where T : RecordOutcome
        {
            if (sent && (error.Kind == TallyfyErrorKind.Transport || (error.Kind == TallyfyErrorKind.NotSent && error.NotSentReason != NotSentReason.RateLimited)))
            {
                return unknown(error.Message.TrimEnd('.'), error);
            }

            outcome.Fail(error, counter.Sent);
            return outcome;
        }

        private static TallyfyTask OfRun(TallyfyTask task, string runId)
        {
            if (task.RunId is null)
            {
                task.RunId = runId;
                task.IsOneOff = false;
            }

            return task;
        }

        /// <summary>The service's largest page, or less when the caller takes fewer records.</summary>
        private static int PageSize(ulong first) => (int)Math.Max(1, Math.Min(first, Paths.MaxPageSize));

        private static long Skipped(ulong skip) => (long)Math.Min(skip, int.MaxValue);

        private static IReadOnlyList<KeyValuePair<string, string>>? WithQuery(string? with) =>
            with is null ? null : new[] { new KeyValuePair<string, string>("with", with) };
    }
}
