using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// What every TallyfyPS cmdlet shares: the session in use, the one way to run async work (on the
    /// thread pool, waited for on the pipeline thread, which meanwhile writes the requests' Verbose lines and
    /// warnings), and stopping: Ctrl+C and a stopped pipeline end the sending of new requests first, then cancel
    /// what is still under way after a short grace.
    /// </summary>
    public abstract class TallyfyCmdlet : PSCmdlet, IDisposable
    {
        /// <summary>Requests in flight at once, by default, for cmdlets that take many items.</summary>
        internal const int DefaultThrottleLimit = 16;

        /// <summary>How long requests under way may finish after Ctrl+C before they are cancelled.</summary>
        internal static readonly TimeSpan CtrlCGrace = TimeSpan.FromMilliseconds(250);

        /// <summary>How long requests under way may finish after the pipeline stopped downstream or failed.</summary>
        internal static readonly TimeSpan StoppedPipelineGrace = TimeSpan.FromSeconds(30);

        private readonly ConcurrentQueue<string> _trace = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<string> _warnings = new ConcurrentQueue<string>();
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private CallContext? _context;
        private TallyfySession? _session;
        private OrderedWorkQueue? _queue;
        private System.Action? _stopReport;
        private bool _completed;

        /// <summary>A session given explicitly (-Session), instead of the current one.</summary>
        internal virtual TallyfySession? SessionArgument => null;

        /// <summary>An organization given explicitly (-OrganizationId), instead of the session's.</summary>
        internal virtual string? OrganizationArgument => null;

        /// <summary>Whether the cmdlet needs a session before it reads any input (all but the session cmdlets).</summary>
        internal virtual bool RequiresSession => true;

        /// <summary>What every request of this call shares: cancellation, the stop signal, service health, trace and warnings.</summary>
        internal CallContext Context => _context ??= new CallContext(_cancel.Token, _stop.Token, new ServiceHealth(), _trace.Enqueue, _warnings.Enqueue);

        /// <summary>
        /// A context of its own for one round of a long poll (Wait-TallyfyTask): the call's cancellation, stop and sinks, and a
        /// fresh circuit breaker, so that an outage or an hourly cap during one round does not end the wait.
        /// </summary>
        internal CallContext NewRoundContext() => new CallContext(_cancel.Token, _stop.Token, new ServiceHealth(), _trace.Enqueue, _warnings.Enqueue);

        /// <summary>The session in use; a terminating error when there is none.</summary>
        protected TallyfySession CurrentSession
        {
            get
            {
                if (_session != null)
                {
                    return _session;
                }

                TallyfySession? session = SessionArgument ?? SessionStore.Current;
                if (session is null)
                {
                    ThrowTerminatingError(Errors.NoSession());
                }

                if (session!.IsDisconnected)
                {
                    ThrowTerminatingError(Errors.SessionDisconnected(session));
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
                if (OrganizationArgument is null)
                {
                    return CurrentSession.OrganizationId;
                }

                string? org = Ids.Normalize(OrganizationArgument);
                if (org is null)
                {
                    ThrowTerminatingError(Errors.InvalidOrganizationId(OrganizationArgument));
                }

                return org!;
            }
        }

        /// <summary>The session's connection to Tallyfy: what a change does (Operations).</summary>
        internal TallyfyOperations Ops
        {
            get
            {
                TallyfyOperations? ops = SessionStore.ConnectionOf(CurrentSession);
                if (ops is null)
                {
                    ThrowTerminatingError(Errors.SessionDisconnected(CurrentSession));
                }

                return ops!;
            }
        }

        /// <summary>The session's connection to Tallyfy: reads, lists and single requests (the wire).</summary>
        internal TallyfyApi Api => Ops.Api;

        protected override void BeginProcessing()
        {
            // A name, title or summary given on the command line with a control character: refused before anything else.
            if (TextArguments.Problem(this) is ErrorRecord badText)
            {
                ThrowTerminatingError(badText);
            }

            if (RequiresSession)
            {
                _ = CurrentSession; // no session: stop before reading any input
                string organization = Organization;
                ArchiveLeftRestored(Ops, organization);
            }
        }

        /// <summary>
        /// Archives again the runs an earlier call of this organization restored only to read them and left live (it was
        /// killed first), each told in a warning; nothing under -WhatIf. See <see cref="RestoreLedger"/>.
        /// </summary>
        internal void ArchiveLeftRestored(TallyfyOperations api, string organizationId)
        {
            if (!System.IO.Directory.Exists(RestoreLedger.FolderOf(organizationId)) ||
                (MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w) ? ((SwitchParameter)w).IsPresent
                    : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"))))
            {
                return;
            }

            foreach ((LeftRestoredRun run, RemovalOutcome outcome) in Run(context => api.ArchiveLeftRestoredAsync(organizationId, context)))
            {
                string subject = Noun.Run.Describe(run.RunId, outcome.Name ?? run.Name);
                string was = run.ArchivedAt is DateTimeOffset at ? $" It had been archived at {at.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}; Tallyfy now records a new archive date." : string.Empty;
                switch (outcome.Status)
                {
                    case TallyfyRemovalStatus.Archived:
                        WriteWarning($"{subject} was left live by an earlier TallyfyPS command that restored it to read it and ended before archiving it again: it is archived again now.{was}");
                        break;
                    case TallyfyRemovalStatus.AlreadyArchived:
                    case TallyfyRemovalStatus.NotFound:
                        WriteVerbose($"{subject}, restored to be read by an earlier TallyfyPS command that ended, is {(outcome.Status == TallyfyRemovalStatus.NotFound ? "gone" : "archived")}: nothing to do.");
                        break;
                    default:
                        WriteWarning($"{subject} was left live by an earlier TallyfyPS command that restored it to read it, and archiving it again failed " +
                            $"({outcome.Message?.TrimEnd('.')}): it is still live. The next TallyfyPS command tries again; or archive it with Remove-TallyfyRun -Id {run.RunId}.");
                        break;
                }
            }
        }

        protected override void StopProcessing() => StopSending(CtrlCGrace);

        /// <summary>No request starts from now on; those under way are cancelled after <paramref name="grace"/>.</summary>
        internal void StopSending(TimeSpan grace)
        {
            _stop.Cancel();
            if (grace <= TimeSpan.Zero)
            {
                _cancel.Cancel();
            }
            else
            {
                _cancel.CancelAfter(grace);
            }
        }

        /// <summary>This call's queue of ordered concurrent work (made on first use).</summary>
        internal OrderedWorkQueue Queue(int throttleLimit, Action? afterPump = null) =>
            _queue ??= new OrderedWorkQueue(this, throttleLimit, afterPump);

        /// <summary>
        /// Runs a ProcessRecord or EndProcessing body; if anything escapes it (the pipeline stopped downstream,
        /// -ErrorAction Stop, a terminating error, break, Ctrl+C), stops the call's work before the exception goes on.
        /// </summary>
        internal void Guarded(System.Action body)
        {
            try
            {
                body();
            }
            catch (Exception)
            {
                Stopped();
                throw;
            }
        }

        /// <summary>
        /// Whether this call's errors stop it: -ErrorAction Stop, or (without -ErrorAction) $ErrorActionPreference = 'Stop'
        /// where the cmdlet runs. Read once per call.
        /// </summary>
        internal bool StopsAtFirstError()
        {
            object? value = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out object? bound) ? bound : GetVariableValue("ErrorActionPreference");
            if (value is ActionPreference preference)
            {
                return preference == ActionPreference.Stop;
            }

            return value != null && Enum.TryParse(value.ToString(), true, out ActionPreference parsed) && parsed == ActionPreference.Stop;
        }

        /// <summary>Marks the call as finished normally: nothing is left to stop.</summary>
        internal void Completed() => _completed = true;

        /// <summary>
        /// The call ended early: no request starts any more, those under way may finish (briefly after Ctrl+C),
        /// and the call waits for them. Returns the queued work that was never written; null when the call had
        /// already completed (or stopped) and there is nothing to stop.
        /// </summary>
        internal IReadOnlyList<OrderedWorkQueue.Entry>? StopWork()
        {
            if (_completed)
            {
                return null;
            }

            _completed = true;
            StopSending(Stopping ? CtrlCGrace : StoppedPipelineGrace);
            return _queue?.Abandon() ?? Array.Empty<OrderedWorkQueue.Entry>();
        }

        /// <summary>What the cmdlet does when its call ends early; a bulk pipeline also tells what it changed.</summary>
        internal virtual void Stopped()
        {
            if (_stopReport is System.Action report)
            {
                report();
            }
            else
            {
                _ = StopWork();
            }
        }

        /// <summary>How this call ends early instead of <see cref="StopWork"/> alone: the bulk pipeline the cmdlet owns says.</summary>
        internal void ReportStopsWith(System.Action report) => _stopReport = report;

        /// <summary>Starts async work on the thread pool, with this call's context.</summary>
        internal Task<T> Start<T>(Func<CallContext, Task<T>> work)
        {
            CallContext context = Context;
            return Task.Run(() => work(context));
        }

        /// <summary>Waits for async work on the pipeline thread, writing its Verbose lines and warnings meanwhile.</summary>
        internal T Await<T>(Task<T> task)
        {
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(50))
            {
                Flush();
            }

            Flush();
            return Unwrap(task);
        }

        /// <summary>Runs async work and waits for it: the single-request cmdlets' way.</summary>
        private protected T Run<T>(Func<CallContext, Task<T>> work) => Await(Start(work));

        /// <summary>The result of finished work; a cancellation (Ctrl+C) stops the pipeline.</summary>
        internal static T Unwrap<T>(Task<T> task)
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

        /// <summary>Writes the requests' Verbose lines and the warnings queued by work on other threads.</summary>
        internal void Flush()
        {
            while (_trace.TryDequeue(out string? line))
            {
                WriteVerbose(line);
            }

            while (_warnings.TryDequeue(out string? warning))
            {
                WriteWarning(warning);
            }
        }

        /// <summary>
        /// Writes a listing as it arrives, each page before the next is fetched, up to <paramref name="first"/> records
        /// after <paramref name="keep"/>; a failure part way is one error, and what was written stays written.
        /// </summary>
        internal void WalkPages<T>(PagedWalker<T> walker, Noun noun, ulong first, Func<T, bool>? keep = null, Action<int?>? total = null,
            Func<IReadOnlyList<T>, bool>? pastEnd = null, ulong skip = 0, string? listed = null, bool filtered = false,
            Func<IReadOnlyList<T>, CallContext, Task>? prepare = null)
        {
            var progress = new ListingProgress(this, listed ?? ListingProgress.Plural(noun.Name));
            try
            {
                WalkPages(walker, noun, first, keep, total, pastEnd, skip, filtered || keep != null, progress, prepare);
            }
            finally
            {
                progress.Complete();
            }
        }

        private void WalkPages<T>(PagedWalker<T> walker, Noun noun, ulong first, Func<T, bool>? keep, Action<int?>? total,
            Func<IReadOnlyList<T>, bool>? pastEnd, ulong skip, bool filtered, ListingProgress progress, Func<IReadOnlyList<T>, CallContext, Task>? prepare)
        {
            ulong written = 0;
            bool totalTold = false;
            while (written < first)
            {
                IReadOnlyList<T>? items;
                // What the listing will write, where the service's count says (a filter applied here makes it unknown).
                ulong? expected = walker.InitialTotal is int all && !filtered ? Math.Min(first, (ulong)Math.Max(0L, all - (long)Math.Min(skip, (ulong)all))) : (ulong?)null;
                int? pages = expected.HasValue ? walker.PageOf(skip + expected.Value - (expected.Value > 0 ? 1UL : 0UL)) : (int?)null;
                progress.Reading(walker.NextPage, pages, written, expected);
                try
                {
                    items = Run(context => walker.NextAsync(context));
                }
                catch (TallyfyApiException ex)
                {
                    WriteError(Errors.ListFailed(ex, noun));
                    return;
                }

                if (!totalTold && total != null)
                {
                    totalTold = true;
                    total(walker.InitialTotal);
                }

                if (items is null)
                {
                    return;
                }

                if (prepare != null)
                {
                    // What a page needs besides itself (labels, names): read once per session, so mostly nothing is sent.
                    Run(async context => { await prepare(items, context).ConfigureAwait(false); return true; });
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

                if (pastEnd != null && pastEnd(items))
                {
                    return; // no later page can hold an item to keep
                }
            }
        }

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                // The pipeline ended without EndProcessing (an error upstream): nothing may go on behind the user's back.
                Stopped();
                _context?.Dispose();
                _cancel.Dispose();
                _stop.Dispose();
            }
        }
    }
}
