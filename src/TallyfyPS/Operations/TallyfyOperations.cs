using System;
using System.Collections.Concurrent;
using TallyfyPS.Client;
using static TallyfyPS.Client.TallyfyApi;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// One session's use cases: what one change does to one record, with Tallyfy's rules and TallyfyPS's guarantees
    /// (verification before a change is sent again, typed outcomes, the launch ledger, the task trust window, backups,
    /// the people directory). A partial class, a file per area under Operations/; it reaches Tallyfy only through
    /// <see cref="Api"/> (the wire). Knows nothing of PowerShell. One instance per session.
    /// </summary>
    internal sealed partial class TallyfyOperations : IDisposable
    {
        private readonly ArchiveLog _archived = new ArchiveLog();
        private readonly ConcurrentDictionary<string, PeopleDirectory> _directories = new ConcurrentDictionary<string, PeopleDirectory>(StringComparer.OrdinalIgnoreCase);

        public TallyfyOperations(TallyfyApi api)
        {
            Api = api ?? throw new ArgumentNullException(nameof(api));
            Runs = new RecordOperations(Http, RecordKind.Run, _archived);
            OneOffTasks = new RecordOperations(Http, RecordKind.Task, _archived);
        }

        /// <summary>Tallyfy's API: reads, lists, single requests.</summary>
        public TallyfyApi Api { get; }

        /// <summary>The HTTP client underneath.</summary>
        public TallyfyClient Http => Api.Http;

        /// <summary>Whether a task object read earlier may be trusted for its status (see <see cref="TaskReadTrust"/>).</summary>
        public TaskReadTrust TaskTrust { get; } = new TaskReadTrust();

        /// <summary>Archive, permanent delete and restore of runs.</summary>
        public RecordOperations Runs { get; }

        /// <summary>Archive, permanent delete and restore of one-off tasks.</summary>
        public RecordOperations OneOffTasks { get; }

        public RecordOperations Records(RecordKind kind) => kind == RecordKind.Run ? Runs : OneOffTasks;

        /// <summary>The session's directory of an organization's people: emails and names resolved once, then remembered.</summary>
        public PeopleDirectory People(string organizationId) => _directories.GetOrAdd(organizationId, org => new PeopleDirectory(Api, org));

        public void Dispose() => Api.Dispose();

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

    }
}
