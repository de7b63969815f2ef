using System;
using System.Linq;
using TallyfyPS.Client;
using TallyfyPS.Journal;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Start-TallyfyRun -Journal: what identifies a row, what is recorded of it, and what a rerun writes.</summary>
    public sealed partial class StartTallyfyRunCommand
    {
        /// <summary>
        /// A row in the journal: its position, template and name. Rows may repeat a name without -SkipExisting, and each
        /// is a launch of its own, so the name alone would not do; the name in the key keeps an edited CSV (another
        /// name at that position) from replaying a run that is not its own.
        /// </summary>
        private static string JournalKey(LaunchRow launch)
        {
            return $"row {launch.Row.ToString(System.Globalization.CultureInfo.InvariantCulture)}\t{launch.TemplateId}\t{launch.Name.Trim()}";
        }

        /// <summary>The journal's action names the template: a journal of launches from one template is refused for another (JournalMismatch).</summary>
        private string JournalAction()
        {
            string? templateId = Ids.Normalize(TemplateId);
            if (templateId is null)
            {
                object? input = InputObject?.BaseObject;
                templateId = input is TallyfyTemplate t ? Ids.Normalize(t.Id)
                    : input is string text ? Ids.Normalize(text)
                    : TemplateColumns.Select(n => InputObject?.Properties[n]?.Value?.ToString())
                        .Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => Ids.Normalize(v!)).FirstOrDefault();
            }

            return templateId is null ? "Launch" : $"Launch from template {templateId}";
        }

        /// <summary>Start-TallyfyRun -Journal: what is recorded of a row, and what a rerun writes.</summary>
        private sealed partial class Launching : IJournaled<LaunchRow, LaunchOutcome>
        {
            private bool _journalClaimed;

            /// <summary>The journal records each launched run (the service's JSON of it), so a rerun emits it again and sends nothing.</summary>
            public TallyfyOperationResult? Record(WorkItem<LaunchRow> item, LaunchOutcome outcome, object? output)
            {
                LaunchRow launch = item.State;
                var record = new TallyfyLaunchResult
                {
                    Row = launch.Row,
                    Name = launch.Name,
                    TemplateId = launch.TemplateId ?? item.Id,
                    HttpStatus = outcome.HttpStatus,
                    Message = outcome.Message,
                    Attempts = 0,
                    OrganizationId = Organization,
                    RequestId = outcome.RequestId,
                    PerformedBy = ResultStamp.PerformedBy(_cmdlet.CurrentSession.User),
                };
                switch (outcome.Status)
                {
                    case ChangeStatus.Done when outcome.Record != null && outcome.RecordJson != null:
                        // (-SkipExisting's Existing rows are settled without sending, so the journal does not hold them: a rerun lists them again.)
                        record.Status = TallyfyLaunchStatus.Launched;
                        record.RunId = outcome.Record!.Id;
                        record.RunJson = outcome.RecordJson;
                        return record;
                    case ChangeStatus.Failed:
                    case ChangeStatus.NotFound:
                    case ChangeStatus.Forbidden:
                    case ChangeStatus.NotAttempted:
                        // Refused or never sent: the next call sends it again (and has no launch to look for).
                        record.Status = TallyfyLaunchStatus.Failed;
                        return record;
                    default:
                        // Unknown: nothing is recorded, so the "launching" step stays and the next call searches before it launches.
                        return null;
                }
            }

            /// <summary>
            /// A row settled in the journal: its recorded result, with the run as the journal recorded it (-PassThru: the run);
            /// nothing is sent.
            /// </summary>
            public object? Replay(TallyfyOperationResult recorded)
            {
                if (recorded is TallyfyLaunchResult launch && launch.RunJson != null)
                {
                    _cmdlet.WriteVerbose($"Row {launch.Row} ('{launch.Name}'): {launch.Status} {launch.RunId}, as the journal records; nothing was sent.");
                    launch.Run = TallyfyOperations.RunFromJournal(launch.RunJson, launch.OrganizationId.Length > 0 ? launch.OrganizationId : Organization);
                    return PassThru ? launch.Run : launch;
                }

                return recorded;
            }

            /// <summary>The runs the journal records are accounted for: a search for an interrupted launch never takes one of them.</summary>
            private void ClaimJournaled(JournalFile journal)
            {
                lock (_ledger)
                {
                    if (_journalClaimed)
                    {
                        return;
                    }

                    foreach (JournalEntry entry in journal.Entries.Values)
                    {
                        if (entry.Result is TallyfyLaunchResult recorded && !string.IsNullOrEmpty(recorded.RunId))
                        {
                            _ledger.Claim(recorded.RunId);
                        }
                    }

                    _journalClaimed = true;
                }
            }
        }
    }
}
