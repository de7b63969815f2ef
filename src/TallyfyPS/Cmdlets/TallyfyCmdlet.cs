using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// What every TallyfyPS cmdlet shares: -Session and -OrganizationId, cancellation on Ctrl+C,
    /// request tracing to Verbose (written on the pipeline thread), and error records.
    /// </summary>
    public abstract class TallyfyCmdlet : PSCmdlet, IDisposable
    {
        private static readonly AsyncLocal<ConcurrentQueue<string>?> TraceSink = new AsyncLocal<ConcurrentQueue<string>?>();
        private readonly ConcurrentQueue<string> _trace = new ConcurrentQueue<string>();
        private CancellationTokenSource _cancellation = new CancellationTokenSource();
        private TallyfySession? _session;

        /// <summary>The session to use instead of the current one (from Connect-Tallyfy -PassThru).</summary>
        [Parameter]
        [ValidateNotNull]
        public TallyfySession? Session { get; set; }

        /// <summary>Act on another organization with the same sign-in.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("OrgId", "organization_id")]
        public string? OrganizationId { get; set; }

        protected CancellationToken CancellationToken => _cancellation.Token;

        /// <summary>The session in use; a terminating error when there is none.</summary>
        protected TallyfySession CurrentSession
        {
            get
            {
                if (_session != null)
                {
                    return _session;
                }

                TallyfySession? session = Session ?? SessionStore.Current;
                if (session is null)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException("You are not connected to Tallyfy. Run Connect-Tallyfy first (or pass -Session)."),
                        "NoSession", ErrorCategory.AuthenticationError, null)
                    {
                        ErrorDetails = new ErrorDetails("You are not connected to Tallyfy. Run Connect-Tallyfy first (or pass -Session).")
                        {
                            RecommendedAction = "Connect-Tallyfy -OrganizationId <id> -AccessToken (Read-Host -AsSecureString), or set TALLYFY_ACCESS_TOKEN and TALLYFY_ORG_ID and run Connect-Tallyfy.",
                        },
                    });
                }

                if (session!.IsDisconnected)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException("This Tallyfy session was closed by Disconnect-Tallyfy. Run Connect-Tallyfy again."),
                        "SessionDisconnected", ErrorCategory.AuthenticationError, null));
                }

                _session = session;
                return session;
            }
        }

        /// <summary>The organization to act on: -OrganizationId, else the session's.</summary>
        protected string Organization
        {
            get
            {
                if (OrganizationId is null)
                {
                    return CurrentSession.OrganizationId;
                }

                string? org = Ids.Normalize(OrganizationId);
                if (org is null)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException($"'{Ids.Display(OrganizationId)}' is not a Tallyfy organization id (32 hexadecimal characters)."),
                        "InvalidOrganizationId", ErrorCategory.InvalidArgument, OrganizationId));
                }

                return org!;
            }
        }

        protected TallyfyClient Api => CurrentSession.Client;

        protected override void BeginProcessing()
        {
            if (_cancellation.IsCancellationRequested)
            {
                _cancellation.Dispose();
                _cancellation = new CancellationTokenSource();
            }
        }

        protected override void StopProcessing()
        {
            _cancellation.Cancel();
        }

        /// <summary>Starts async work whose requests trace into this cmdlet's Verbose stream.</summary>
        protected Task<T> Start<T>(Func<CancellationToken, Task<T>> work)
        {
            ConcurrentQueue<string>? previous = TraceSink.Value;
            TraceSink.Value = _trace;
            try
            {
                return Task.Run(() => work(CancellationToken));
            }
            finally
            {
                TraceSink.Value = previous;
            }
        }

        /// <summary>Starts async work whose requests trace into <paramref name="sink"/> (for cmdlets outside this base class).</summary>
        internal static Task<T> StartTraced<T>(ConcurrentQueue<string> sink, Func<Task<T>> work)
        {
            ConcurrentQueue<string>? previous = TraceSink.Value;
            TraceSink.Value = sink;
            try
            {
                return Task.Run(work);
            }
            finally
            {
                TraceSink.Value = previous;
            }
        }

        /// <summary>Waits for async work on the pipeline thread, writing its Verbose lines meanwhile.</summary>
        protected T Await<T>(Task<T> task)
        {
            while (!task.IsCompleted)
            {
                Task.WaitAny(new Task[] { task }, 50); // never throws: the outcome is read below
                FlushTrace();
            }

            FlushTrace();
            return Unwrap(task);
        }

        private readonly System.Collections.Generic.Queue<Task<Action>> _ordered = new System.Collections.Generic.Queue<Task<Action>>();
        private SemaphoreSlim? _readGate;

        /// <summary>
        /// Starts a read that runs concurrently (at most <paramref name="limit"/> at once); the action it
        /// returns writes its output on the pipeline thread, in the order the reads were started.
        /// </summary>
        protected void StartOrdered(Func<CancellationToken, Task<Action>> work, int limit)
        {
            _readGate ??= new SemaphoreSlim(limit, limit);
            SemaphoreSlim gate = _readGate;
            _ordered.Enqueue(Start(async ct =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    return await work(ct).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }));
            DrainOrdered(all: false);
            while (_ordered.Count > (limit * 4) + 16)
            {
                Await(_ordered.Dequeue()).Invoke();
            }
        }

        /// <summary>Writes the finished reads at the head of the queue (all of them, waiting, when <paramref name="all"/>).</summary>
        protected void DrainOrdered(bool all)
        {
            while (_ordered.Count > 0 && (all || _ordered.Peek().IsCompleted))
            {
                Await(_ordered.Dequeue()).Invoke();
            }

            FlushTrace();
        }

        protected T Run<T>(Func<CancellationToken, Task<T>> work) => Await(Start(work));

        protected static T Unwrap<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        protected void FlushTrace()
        {
            while (_trace.TryDequeue(out string? line))
            {
                WriteVerbose(line);
            }
        }

        /// <summary>The trace callback every session's client is built with.</summary>
        internal static void RouteTrace(string line)
        {
            TraceSink.Value?.Enqueue(line);
        }

        /// <summary>The page size for a listing: the service's maximum, or less when -First asks for fewer.</summary>
        protected int PageSize(int max) => PagingParameters.First < (ulong)max ? (int)Math.Max(1, PagingParameters.First) : max;

        /// <summary>Writes a paged listing as it arrives (each page before the next is fetched), honouring -First, -Skip, -IncludeTotalCount.</summary>
        protected void WalkPages<T>(PagedWalker<T> walker, string noun, Func<T, bool>? keep = null)
        {
            ulong first = PagingParameters.First;
            ulong written = 0;
            bool totalWritten = false;
            while (written < first)
            {
                IReadOnlyList<T>? items;
                try
                {
                    items = Run(ct => walker.NextAsync(ct));
                }
                catch (TallyfyApiException ex)
                {
                    WriteError(ListError(ApiError(ex, noun, "list", null, null), ex));
                    return;
                }

                if (!totalWritten && PagingParameters.IncludeTotalCount)
                {
                    totalWritten = true;
                    WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(0, walker.InitialTotal ?? 0), walker.InitialTotal.HasValue ? 1.0 : 0.0));
                }

                if (items is null)
                {
                    return;
                }

                foreach (T item in items)
                {
                    if (keep != null && !keep(item))
                    {
                        continue;
                    }

                    if (written++ >= first)
                    {
                        return;
                    }

                    WriteObject(item);
                }
            }
        }

        internal static ErrorRecord ListError(ErrorRecord record, TallyfyApiException ex)
        {
            string message = "Listing failed: " + ex.Message + (ex.RequestId is null ? string.Empty : $" (request id {ex.RequestId})");
            return new ErrorRecord(ex, record.FullyQualifiedErrorId.Split(',')[0], record.CategoryInfo.Category, null)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = record.ErrorDetails?.RecommendedAction },
            };
        }

        /// <summary>An error record for a failed call, with a stable ErrorId, the right category and what to do.</summary>
        internal static ErrorRecord ApiError(TallyfyApiException ex, string noun, string id, string? name, object? target)
        {
            string what = name is null ? $"{Capital(noun)} {id}" : $"{Capital(noun)} '{name}' ({id})";
            string errorId;
            ErrorCategory category;
            string action;
            switch (ex.Kind)
            {
                case TallyfyErrorKind.NotFound:
                    errorId = Capital(noun) + "NotFound";
                    category = ErrorCategory.ObjectNotFound;
                    action = noun == "task"
                        ? "Check the id; list tasks with Get-TallyfyTask (add -Archived to include archived ones)."
                        : $"Check the id; list {noun}s with Get-Tallyfy{Capital(noun)} (add -Status archived to see archived ones).";
                    break;
                case TallyfyErrorKind.Unauthorized:
                    errorId = "AuthenticationFailed";
                    category = ErrorCategory.AuthenticationError;
                    action = "The token was refused (expired, revoked, or its user logged out). Create a new token and run Connect-Tallyfy again.";
                    break;
                case TallyfyErrorKind.Forbidden:
                    errorId = "PermissionDenied";
                    category = ErrorCategory.PermissionDenied;
                    action = "Use the token of a user with the right role (permanent deletion needs an administrator), or check the organization.";
                    break;
                case TallyfyErrorKind.Invalid:
                    errorId = "InvalidRequest";
                    category = ex.StatusCode == 422 ? ErrorCategory.InvalidOperation : ErrorCategory.InvalidArgument;
                    action = "Tallyfy refused the request as it stands; read its message above.";
                    break;
                case TallyfyErrorKind.RateLimited:
                    errorId = "RateLimited";
                    category = ErrorCategory.LimitsExceeded;
                    action = "Tallyfy's rate limit was still exceeded after every retry. Run again later, lower -ThrottleLimit, or raise -MaxRetries on Connect-Tallyfy.";
                    break;
                case TallyfyErrorKind.ServerError:
                    errorId = "ServerError";
                    category = ErrorCategory.ResourceUnavailable;
                    action = "Tallyfy kept failing after every retry. Run the command again for the failed items later.";
                    break;
                case TallyfyErrorKind.Transport:
                    errorId = "ConnectionFailed";
                    category = ErrorCategory.ConnectionError;
                    action = "Check the network and the base URI, then run the command again for the failed items.";
                    break;
                case TallyfyErrorKind.InvalidResponse:
                    errorId = "InvalidResponse";
                    category = ErrorCategory.InvalidResult;
                    action = "The answer did not match Tallyfy's API. Check the base URI (a proxy or another service may answer), then retry.";
                    break;
                default:
                    errorId = "RequestFailed";
                    category = ErrorCategory.InvalidOperation;
                    action = "Read Tallyfy's message above.";
                    break;
            }

            string message = $"{what}: {ex.Message}";
            if (ex.Attempts > 1 && (ex.Kind == TallyfyErrorKind.ServerError || ex.Kind == TallyfyErrorKind.RateLimited || ex.Kind == TallyfyErrorKind.Transport))
            {
                message += $" (gave up after {ex.Attempts} requests)";
            }

            if (ex.RequestId != null)
            {
                message += $" (request id {ex.RequestId})";
            }

            var record = new ErrorRecord(ex, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
            };
            return record;
        }

        internal static ErrorRecord InvalidId(string noun, object? value, object? target)
        {
            string text = value as string ?? value?.ToString() ?? string.Empty;
            string message = $"'{Ids.Display(text)}' is not a valid Tallyfy {noun} id: an id is 32 hexadecimal characters. Nothing was sent for it.";
            return new ErrorRecord(new ArgumentException(message), "Invalid" + Capital(noun) + "Id", ErrorCategory.InvalidArgument, target ?? value)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = $"Pass the {noun}'s id as Tallyfy shows it (for example from Get-Tallyfy{Capital(noun)}).",
                },
            };
        }

        internal static string Capital(string noun) => char.ToUpperInvariant(noun[0]) + noun.Substring(1);

        public void Dispose()
        {
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
