using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>One input item on its way through a bulk cmdlet.</summary>
    internal sealed class WorkItem
    {
        public string Id { get; set; } = string.Empty;
        public string? Name { get; set; }
        public bool? KnownArchived { get; set; }
        public string? RunId { get; set; }
        public bool FromObject { get; set; }
        public object? Target { get; set; }
        /// <summary>An error decided before any request (invalid id, wrong organization, ...).</summary>
        public ErrorRecord? Refusal { get; set; }
        /// <summary>The read made before confirmation, when one was needed.</summary>
        public Probe? Probe { get; set; }
    }

    /// <summary>
    /// The machinery of the bulk cmdlets (remove and restore, runs and tasks): items are read from the
    /// pipeline, looked up concurrently where a prompt or -WhatIf needs their name, confirmed one by one
    /// on the pipeline thread in input order, then sent concurrently (-ThrottleLimit requests in flight)
    /// while results, errors and progress are written on the pipeline thread in input order.
    /// </summary>
    public abstract class BulkCmdlet : TallyfyCmdlet
    {
        internal const int DefaultThrottleLimit = 16;
        private const int ProgressActivityId = 0x7A11;
        private readonly List<Slot> _slots = new List<Slot>();
        private readonly Dictionary<string, int> _counts = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly Stopwatch _clock = new Stopwatch();
        private readonly Stopwatch _progressClock = new Stopwatch();
        private int _confirmCursor;
        private int _written;
        private int _inputs;
        private int? _expectedTotal;
        private SemaphoreSlim? _throttle;
        private bool _yesToAll;
        private bool _noToAll;
        private bool _whatIf;
        private bool _willPrompt;
        private bool _progressShown;

        /// <summary>How many requests may be in flight at once. Default 16.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>"run" or "task": used in messages and error ids.</summary>
        internal abstract string Noun { get; }

        /// <summary>The verb of the prompt and of -WhatIf: "Archive", "Permanently delete", "Restore".</summary>
        internal abstract string ActionText { get; }

        /// <summary>The activity shown by Write-Progress, e.g. "Archiving Tallyfy runs".</summary>
        internal abstract string ProgressText { get; }

        /// <summary>Whether this call asks for a second, high-impact confirmation (permanent deletion).</summary>
        internal virtual bool HighImpact => false;

        /// <summary>Whether -Force was given.</summary>
        internal virtual bool Forced => false;

        /// <summary>Whether an item must be read before it is confirmed even when no prompt needs its name.</summary>
        internal virtual bool AlwaysResolve(WorkItem item) => false;

        /// <summary>Decides, from a read of the item, that it must not go ahead (returns the error), or null.</summary>
        internal virtual ErrorRecord? CheckResolved(WorkItem item, Probe probe) => null;

        /// <summary>The call to make for a confirmed item.</summary>
        internal abstract Task<Outcome> ExecuteAsync(WorkItem item, string organizationId, CancellationToken cancellationToken);

        /// <summary>The result object of an item, and its status word for the summary.</summary>
        internal abstract (object Result, string Status) MakeResult(WorkItem item, Outcome outcome, string organizationId);

        /// <summary>Fills what every result carries from the outcome of its item.</summary>
        internal static TallyfyOperationResult WithOutcome(TallyfyOperationResult result, Outcome outcome, string organizationId)
        {
            result.HttpStatus = outcome.HttpStatus;
            result.Message = outcome.Message;
            result.Attempts = outcome.Attempts;
            result.CompletedAt = DateTimeOffset.Now;
            result.OrganizationId = organizationId;
            result.RequestId = outcome.RequestId;
            return result;
        }

        /// <summary>The items bound in this ProcessRecord call (from -Id or -InputObject).</summary>
        internal abstract IEnumerable<WorkItem> ReadInput(string organizationId);

        /// <summary>How many items the call was given as an argument (for progress), or null when they stream in.</summary>
        internal abstract int? ArgumentCount { get; }

        protected override void ProcessRecord()
        {
            Enqueue(ReadInput(Organization), MyInvocation.ExpectingInput ? null : ArgumentCount);
        }

        private object MakeSkipped(WorkItem item, string organizationId) => MakeResult(item, new Outcome
        {
            RemovalStatus = TallyfyRemovalStatus.Skipped,
            RestoreStatus = TallyfyRestoreStatus.Skipped,
            Name = item.Name,
            Message = "Declined at the confirmation prompt; nothing was sent.",
        }, organizationId).Result;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _ = CurrentSession; // no session: stop before reading any input
            _throttle = new SemaphoreSlim(ThrottleLimit, ThrottleLimit);
            _clock.Start();
            _progressClock.Start();
            _whatIf = IsWhatIf();
            _willPrompt = !_whatIf && !Forced && WillPrompt();
            if (_willPrompt && HostCannotPrompt())
            {
                string message = $"{MyInvocation.MyCommand.Name} would ask for confirmation before it {ActionText.ToLowerInvariant()}s each {Noun}, " +
                    "but this PowerShell host cannot prompt (it is non-interactive). Nothing was sent. " +
                    "Add -Force or -Confirm:$false to go ahead without prompts, or -WhatIf to see what would be done.";
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), "ConfirmationRequired", ErrorCategory.InvalidOperation, null)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Add -Force or -Confirm:$false." },
                });
            }
        }

        /// <summary>Queues the items of one ProcessRecord call.</summary>
        internal void Enqueue(IEnumerable<WorkItem> items, int? knownTotal = null)
        {
            if (knownTotal.HasValue)
            {
                _expectedTotal = (_expectedTotal ?? 0) + knownTotal.Value;
            }

            string org = Organization;
            foreach (WorkItem item in items)
            {
                _inputs++;
                var slot = new Slot(item);
                if (item.Refusal is null && (AlwaysResolve(item) || (item.Name is null && (_whatIf || _willPrompt))))
                {
                    slot.Resolve = Throttled(ct => new Lifecycle(Api, KindOf()).ProbeAsync(org, item.Id, ct));
                }

                _slots.Add(slot);
                Pump(block: false);
                while (Outstanding > ThrottleLimit * 4 + 32)
                {
                    Pump(block: true);
                }
            }
        }

        protected override void EndProcessing()
        {
            while (_written < _slots.Count)
            {
                Pump(block: true);
            }

            FlushTrace();
            if (_progressShown)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, ProgressText, "Done") { RecordType = ProgressRecordType.Completed });
            }

            if (_inputs > 1 && _counts.Count > 0)
            {
                string parts = string.Join(", ", _counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Value} {kv.Key}"));
                var summary = new TallyfyBulkSummary(MyInvocation.MyCommand.Name, _inputs, new Dictionary<string, int>(_counts), _clock.Elapsed,
                    $"{MyInvocation.MyCommand.Name}: {_inputs} {Noun}(s) in {_clock.Elapsed.TotalSeconds:0.00} s: {parts}.");
                WriteInformation(summary, new[] { "TallyfyPS", "Summary" });
            }
        }

        internal abstract ResourceKind KindOf();

        private int Outstanding => _slots.Count - _written;

        private Task<T> Throttled<T>(Func<CancellationToken, Task<T>> work)
        {
            SemaphoreSlim gate = _throttle!;
            return Start(async ct =>
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
            });
        }

        /// <summary>Confirms what can be confirmed, writes what is finished, in input order.</summary>
        private void Pump(bool block)
        {
            FlushTrace();
            bool moved;
            do
            {
                moved = false;
                while (_confirmCursor < _slots.Count && (_slots[_confirmCursor].Resolve?.IsCompleted ?? true))
                {
                    Confirm(_slots[_confirmCursor]);
                    _slots[_confirmCursor].Confirmed = true;
                    _confirmCursor++;
                    moved = true;
                }

                while (_written < _slots.Count && _slots[_written].IsDone)
                {
                    Write(_slots[_written]);
                    _slots[_written] = Slot.Written;
                    _written++;
                    moved = true;
                }
            }
            while (moved);

            ShowProgress();
            if (!block || _written >= _slots.Count)
            {
                return;
            }

            // Wait for the next thing that can move: the head's work, or the next resolve to confirm.
            var waits = new List<Task>(2);
            if (_slots[_written].Work is Task work)
            {
                waits.Add(work);
            }

            if (_confirmCursor < _slots.Count && _slots[_confirmCursor].Resolve is Task resolve)
            {
                waits.Add(resolve);
            }

            if (waits.Count > 0)
            {
                Task.WaitAny(waits.ToArray(), 100);
            }

            FlushTrace();
            if (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private void Confirm(Slot slot)
        {
            WorkItem item = slot.Item;
            string org = Organization;
            if (item.Refusal != null)
            {
                slot.Error = item.Refusal;
                return;
            }

            if (slot.Resolve != null)
            {
                Probe probe;
                try
                {
                    probe = Unwrap(slot.Resolve);
                }
                catch (TallyfyApiException ex)
                {
                    slot.Error = ApiError(ex, Noun, item.Id, item.Name, item.Target);
                    slot.Outcome = Outcome.Failed(ex);
                    return;
                }

                item.Probe = probe;
                if (probe.Exists)
                {
                    item.Name ??= probe.Name;
                    item.KnownArchived = probe.ArchivedAt.HasValue;
                    item.RunId = probe.RunId;
                    ErrorRecord? refusal = CheckResolved(item, probe);
                    if (refusal != null)
                    {
                        slot.Error = refusal;
                        return;
                    }
                }
                else if (_whatIf)
                {
                    // Nothing will be sent; say that the id is unknown (it may be hidden because it is archived).
                    slot.Error = ApiError(new TallyfyApiException(TallyfyErrorKind.NotFound,
                        $"No {Noun} with this id is visible in organization {org}.", 404), Noun, item.Id, null, item.Target);
                    return;
                }
            }

            string target = item.Name is null ? $"{Noun} {item.Id}" : $"'{item.Name}' ({Noun} {item.Id})";
            if (!Confirmed(target))
            {
                if (!_whatIf)
                {
                    slot.Skipped = MakeSkipped(item, org);
                }

                return;
            }

            slot.Work = Throttled(ct => ExecuteAsync(item, org, ct));
        }

        private bool Confirmed(string target)
        {
            try
            {
                if (_whatIf || !Forced)
                {
                    if (!ShouldProcess(target, ActionText))
                    {
                        return false;
                    }
                }

                if (_whatIf)
                {
                    return false;
                }

                if (HighImpact && !Forced && !ConfirmBound() && HighImpactPrompts())
                {
                    string query = $"{ActionText} {target}? This cannot be undone: the {Noun} and everything in it are removed for good.";
                    return ShouldContinue(query, $"{ActionText} Tallyfy {Noun}", ref _yesToAll, ref _noToAll);
                }

                return true;
            }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is HostException || ex is NotImplementedException)
            {
                string message = $"{MyInvocation.MyCommand.Name} needs confirmation for {target}, but this PowerShell host cannot prompt ({ex.Message}). " +
                    "Add -Force or -Confirm:$false to go ahead without prompts, or -WhatIf to see what would be done.";
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message, ex), "ConfirmationRequired", ErrorCategory.InvalidOperation, target));
                return false;
            }
        }

        private void Write(Slot slot)
        {
            string org = Organization;
            if (slot.Work != null)
            {
                Outcome outcome;
                try
                {
                    outcome = Unwrap(slot.Work);
                }
                catch (TallyfyApiException ex)
                {
                    outcome = Outcome.Failed(ex);
                }

                (object result, string status) = MakeResult(slot.Item, outcome, org);
                if (result is TallyfyOperationResult operation && slot.Item.Probe != null)
                {
                    operation.Attempts += slot.Item.Probe.Attempts; // the read made before confirmation
                }

                Count(status);
                WriteObject(result);
                if (outcome.Error != null)
                {
                    WriteError(ApiError(outcome.Error, Noun, slot.Item.Id, slot.Item.Name ?? outcome.Name, slot.Item.Target) is ErrorRecord e
                        ? WithMessage(e, outcome.Message) : null);
                }

                return;
            }

            if (slot.Error != null)
            {
                if (slot.Outcome != null && !_whatIf)
                {
                    (object result, string status) = MakeResult(slot.Item, slot.Outcome, org);
                    Count(status);
                    WriteObject(result);
                }
                else
                {
                    Count("refused");
                }

                WriteError(slot.Error);
                return;
            }

            if (slot.Skipped != null)
            {
                Count("skipped");
                WriteObject(slot.Skipped);
            }
        }

        private static ErrorRecord WithMessage(ErrorRecord record, string? message)
        {
            if (message != null && record.ErrorDetails != null && !record.ErrorDetails.Message.Contains(message))
            {
                record.ErrorDetails = new ErrorDetails(record.ErrorDetails.Message.Split(':')[0] + ": " + message)
                {
                    RecommendedAction = record.ErrorDetails.RecommendedAction,
                };
            }

            return record;
        }


        private void Count(string status)
        {
            _counts.TryGetValue(status, out int n);
            _counts[status] = n + 1;
        }

        private void ShowProgress()
        {
            if (_written == 0 || _progressClock.ElapsedMilliseconds < 250)
            {
                return;
            }

            _progressClock.Restart();
            _progressShown = true;
            double rate = _written / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            int? total = _expectedTotal.HasValue && _expectedTotal >= _written ? _expectedTotal : null;
            var record = new ProgressRecord(ProgressActivityId, ProgressText,
                total.HasValue ? $"{_written} of {total} done ({rate:0.0}/s)" : $"{_written} done ({rate:0.0}/s)");
            if (total > 0)
            {
                record.PercentComplete = Math.Min(100, (int)(100L * _written / total.Value));
                record.SecondsRemaining = (int)Math.Ceiling((total.Value - _written) / Math.Max(rate, 0.001));
            }

            WriteProgress(record);
        }

        private bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w))
            {
                return w is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(w);
            }

            return LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
        }

        private bool ConfirmBound() => MyInvocation.BoundParameters.ContainsKey("Confirm");

        /// <summary>Whether ShouldProcess or the high-impact question will prompt the user.</summary>
        private bool WillPrompt()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Confirm", out object? c))
            {
                return c is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(c);
            }

            ConfirmImpact preference = ConfirmPreference();
            ConfirmImpact declared = HighImpact ? ConfirmImpact.High : DeclaredImpact();
            return preference != System.Management.Automation.ConfirmImpact.None && declared >= preference;
        }

        private bool HighImpactPrompts()
        {
            ConfirmImpact preference = ConfirmPreference();
            return preference != System.Management.Automation.ConfirmImpact.None && System.Management.Automation.ConfirmImpact.High >= preference;
        }

        private ConfirmImpact ConfirmPreference()
        {
            object? value = SessionState.PSVariable.GetValue("ConfirmPreference");
            if (value is ConfirmImpact impact)
            {
                return impact;
            }

            return value != null && Enum.TryParse(value.ToString(), true, out ConfirmImpact parsed) ? parsed : System.Management.Automation.ConfirmImpact.High;
        }

        private ConfirmImpact DeclaredImpact()
        {
            var attribute = (CmdletAttribute?)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute));
            return attribute?.ConfirmImpact ?? System.Management.Automation.ConfirmImpact.Medium;
        }

        /// <summary>True in hosts that cannot ask: pwsh -NonInteractive, hosted runspaces without a UI, Azure Automation.</summary>
        private bool HostCannotPrompt()
        {
            if (Host?.UI is null || string.Equals(Host.Name, "Default Host", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(Host.Name, "ConsoleHost", StringComparison.OrdinalIgnoreCase))
            {
                foreach (string arg in Environment.GetCommandLineArgs().Skip(1))
                {
                    if (arg.Length < 2 || (arg[0] != '-' && arg[0] != '/'))
                    {
                        continue;
                    }

                    string name = arg.Substring(1).ToLowerInvariant();
                    if (name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.Ordinal))
                    {
                        return true;
                    }

                    if (name == "c" || name == "command" || name == "f" || name == "file" || name == "e" || name == "ec" || name == "encodedcommand")
                    {
                        break; // what follows belongs to the script
                    }
                }
            }

            return false;
        }

        private sealed class Slot
        {
            public static readonly Slot Written = new Slot(new WorkItem());

            public Slot(WorkItem item)
            {
                Item = item;
            }

            public WorkItem Item { get; }
            public Task<Probe>? Resolve { get; set; }
            public Task<Outcome>? Work { get; set; }
            public ErrorRecord? Error { get; set; }
            public Outcome? Outcome { get; set; }
            public object? Skipped { get; set; }
            /// <summary>Passed the confirmation stage (whatever was decided there).</summary>
            public bool Confirmed { get; set; }

            public bool IsDone => Confirmed && (Work?.IsCompleted ?? true);
        }
    }

    /// <summary>The closing summary of a bulk call, sent to the Information stream (tags TallyfyPS, Summary).</summary>
    public sealed class TallyfyBulkSummary
    {
        private readonly string _text;

        internal TallyfyBulkSummary(string command, int total, IDictionary<string, int> counts, TimeSpan elapsed, string text)
        {
            Command = command;
            Total = total;
            Counts = counts;
            Elapsed = elapsed;
            _text = text;
        }

        public string Command { get; }
        public int Total { get; }
        public IDictionary<string, int> Counts { get; }
        public TimeSpan Elapsed { get; }

        public override string ToString() => _text;
    }
}
