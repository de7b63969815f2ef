using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Host;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// How a bulk call ends early and what it tells: the items never written are reported (a change applied is told in a
    /// warning naming the item, the rest counted as not sent), the summary's counts add up, and under -ErrorAction Stop an
    /// item after one that failed is halted (nothing is read, asked or sent for it).
    /// </summary>
    internal sealed partial class BulkPipeline<TItem, TOutcome>
    {
        /// <summary>Stops sending, waits for what is under way, and tells the user every change not written as a result.</summary>
        private void Stopped()
        {
            IReadOnlyList<OrderedWorkQueue.Entry>? unwritten = _cmdlet.StopWork();
            _journal?.Close(); // everything under way has been awaited: its results are in the journal
            if (unwritten is null)
            {
                return; // it had completed: nothing to stop or tell
            }

            var changed = new List<string>();
            int notSent = 0;
            foreach (OrderedWorkQueue.Entry entry in unwritten)
            {
                if (((Item)entry.Owner!).StopReport() is string line)
                {
                    changed.Add(line);
                }
                else
                {
                    notSent++;
                }
            }

            if (changed.Count > 0)
            {
                Warn($"{_cmdlet.MyInvocation.MyCommand.Name} stopped before it wrote the results of {Words.Count(changed.Count + notSent, Action.Noun.Name)}: " +
                    $"{changed.Count} had been sent and {Words.Was(changed.Count)} listed below; {notSent} {Words.Was(notSent)} not sent.");
                foreach (string line in changed)
                {
                    Warn(line);
                }
            }

            // The counts add up to the items taken: written (above), told in a warning, and not sent.
            string ending = changed.Count > 0
                ? $" (written; stopped before the end: {changed.Count} more told above{(notSent > 0 ? $", {notSent} not sent" : string.Empty)})"
                : $" (written; stopped before the end{(notSent > 0 ? $": {notSent} not sent" : string.Empty)})";
            TallyfyBulkSummary? summary = _progress.Summary(Action.Noun.Name, ending);
            try
            {
                _progress.Complete();
                _progress.WriteSummary(summary);
            }
            catch (Exception ex) when (ex is PipelineStoppedException || ex is PSInvalidOperationException)
            {
                // Ctrl+C: the progress bar goes with the pipeline, and the summary goes to the host.
                if (summary != null)
                {
                    Warn(summary.ToString());
                }
            }
        }

        /// <summary>A warning that reaches the user even when the pipeline is stopping (then through the host).</summary>
        private void Warn(string message)
        {
            try
            {
                _cmdlet.WriteWarning(message);
            }
            catch (Exception ex) when (ex is PipelineStoppedException || ex is PSInvalidOperationException)
            {
                // Ctrl+C, or the pipeline is already gone (an error upstream): tell the host directly.
                try
                {
                    _cmdlet.Host?.UI?.WriteWarningLine(message);
                }
                catch (Exception hostError) when (hostError is HostException || hostError is NotImplementedException || hostError is PSInvalidOperationException)
                {
                    // A host without a UI: nothing more can be told.
                }
            }
        }

        private sealed partial class Item
        {
            private bool Failed => _refusal != null || _readError != null || _outcome?.Error != null;

            /// <summary>An earlier item failed in a call that stops at its first failure: nothing is read, asked or sent for this one.</summary>
            private void Halted()
            {
                if (_outcome is null && _refusal is null && Replay is null)
                {
                    _outcome = new TOutcome { Name = _item.Name };
                    _outcome.Fail(TallyfyApiException.NotSent(NotSentReason.Stopped,
                        "An earlier item failed and the command stops at its first failure (-ErrorAction Stop); nothing was sent for this one."), 0);
                }
            }

            /// <summary>
            /// Writes the item's object (if any) and counts it for the summary. After Ctrl+C the pipeline takes nothing
            /// (WriteObject throws PipelineStoppedException once the command is stopping): then the item is not written, and
            /// the stop tells it. A pipeline that stops downstream after taking it (Select-Object -First, a throw or break)
            /// has it written.
            /// </summary>
            private void WriteOut(object? output, string status)
            {
                try
                {
                    if (output is ResultList many)
                    {
                        foreach (TallyfyOperationResult each in many)
                        {
                            _owner._cmdlet.WriteObject(each);
                        }
                    }
                    else if (output != null)
                    {
                        _owner._cmdlet.WriteObject(output);
                    }
                }
                catch (Exception ex) when (!(ex is PipelineStoppedException) || !_owner._cmdlet.Stopping)
                {
                    _delivered = true;
                    _owner._progress.Count(status);
                    throw;
                }

                _delivered = true;
                _owner._progress.Count(status);
            }

            /// <summary>After the pipeline stopped: what to tell of this item, or null when nothing was sent for it.</summary>
            public string? StopReport()
            {
                string? name = _outcome?.Name ?? _item.Name;
                string what = _owner.Subject(_item, name);
                if (_requests.Sent == 0 && !_requests.InFlight)
                {
                    return null;
                }

                if (_outcome is null)
                {
                    return _lastStep == ChangeSteps.Deleting
                        ? $"{what}: archived, deletion may have been applied (the permanent deletion was under way when the command stopped). {_owner.CheckAdvice(_item)}"
                        : $"{what}: a request was under way when the command stopped; it may have been applied. {_owner.CheckAdvice(_item)}";
                }

                if (_outcome is RemovalOutcome removal && removal.ArchivedOnTheWay)
                {
                    return $"{what}: {_outcome.Message}"; // the message says it was archived, not deleted
                }

                return $"{what}: {_outcome.StatusText}{(_outcome.Message is null ? "." : " (" + _outcome.Message.TrimEnd('.') + ").")}";
            }

            private ErrorRecord? ErrorOf(TallyfyApiException error)
            {
                if (error.Kind == TallyfyErrorKind.NotSent && error.Limit is RateLimitInfo limit)
                {
                    // A rate limit longer than -MaxWaitSec stopped this action (an hourly cap): its items are NotAttempted, and one
                    // error for the call says so for every item of it, with when it frees up and how to finish the work.
                    return _owner._limitsTold.Add(limit.Action)
                        ? Errors.RateLimited(limit, _owner._cmdlet.MyInvocation.MyCommand.Name, Action.Noun, _owner._journalPath, _owner._takesJournal, _item.Target)
                        : null;
                }

                if (error.Kind == TallyfyErrorKind.NotSent && _requests.Sent == 0)
                {
                    // The service went away (or refused the credentials) before this item's turn: one error says so for all.
                    if (_owner._notAttemptedTold)
                    {
                        return null;
                    }

                    _owner._notAttemptedTold = true;
                    ServiceHealth health = _owner._cmdlet.Context.Health;
                    return Errors.NotAttempted(error.NotSentReason ?? NotSentReason.ServiceUnavailable, health.OpenMessage ?? error.Message,
                        _owner._cmdlet.MyInvocation.MyCommand.Name, Action.Noun, _item.Target);
                }

                if (_item.Error is ErrorRecord custom)
                {
                    return custom; // the operation knows better (a failed backup, an archived or locked run)
                }

                return Errors.ForSubject(error, Action.Noun, _owner.Subject(_item, _item.Name ?? _outcome!.Name), _item.Target, _requests.Sent,
                    _outcome!.Message == error.Message ? null : _outcome.Message, Action.ForbiddenAdvice);
            }
        }
    }
}
