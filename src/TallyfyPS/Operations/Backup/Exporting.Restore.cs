using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Client;
using static TallyfyPS.Client.TallyfyApi;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Reading an archived run by restoring it, only when asked (Export-TallyfyRun -RestoreToRead, Remove-TallyfyRun
    /// -Permanent -BackupPath): the intent is recorded durably first (<see cref="RestoreLedger"/>), the run restored,
    /// read whole and archived again (always, once restored), and the record cleared. Tallyfy then records a new
    /// archived_at; the file and the outcome keep the original one.
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <param name="isLive">The run reads as live, restored by an earlier interrupted call: it is not restored again, only archived.</param>
        private async Task<ExportOutcome> ExportRestoredAsync(string organizationId, string id, ExportOutcome outcome, BackupStore store, RequestCounter counter,
            ExportOptions options, DateTimeOffset? archivedAt, bool isLive)
        {
            // The activity first: it tells when the run was archived (where no read could say), before the restore adds to it.
            IReadOnlyList<JsonElement> activity = await RunActivityAsync(organizationId, id, counter).ConfigureAwait(false);
            archivedAt ??= activity.Where(e => Verb(e) == "archived").Select(e => Json.Date(e, "created_at")).FirstOrDefault(d => d != null);
            outcome.ArchivedAt = archivedAt;
            RestoreIntent intent;
            try
            {
                intent = RestoreLedger.Begin(organizationId, Http.Options.BaseUri, id, outcome.Name, archivedAt, options.Command);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                outcome.Fail(new TallyfyApiException(TallyfyErrorKind.ClientError,
                    $"The run is archived and was not restored to be read: the restore could not first be recorded in {RestoreLedger.FolderOf(organizationId)} " +
                    $"({ex.Message}), and without that record a stopped call could leave it live. Nothing was changed.", inner: ex), counter.Sent);
                return outcome;
            }

            using (intent)
            {
                if (!isLive)
                {
                    options.Sending?.Invoke(BackupSteps.Restoring);
                    RestoreOutcome restored = await Runs.RestoreAsync(organizationId, id, new RecordState(KnownState.Archived, outcome.Name), counter).ConfigureAwait(false);
                    outcome.RequestId = restored.RequestId;
                    outcome.HttpStatus = restored.HttpStatus;
                    outcome.Name = restored.Name ?? outcome.Name;
                    if (restored.Error is TallyfyApiException error)
                    {
                        if (error.Kind == TallyfyErrorKind.NotFound || error.Kind == TallyfyErrorKind.Forbidden || error.Kind == TallyfyErrorKind.ClientError)
                        {
                            intent.Clear(); // refused: nothing was restored
                        }

                        string message = error.Kind == TallyfyErrorKind.NotFound
                            ? "No run with this id is visible in this organization, live or archived."
                            : $"The run is archived and could not be restored to be read (Tallyfy hides an archived run's comments): {error.Message}";
                        outcome.Fail(error, counter.Sent, message);
                        return outcome;
                    }
                }

                outcome.RestoredForExport = true;
                return await ReadAndRearchiveAsync(organizationId, id, outcome, store, counter, options, archivedAt, activity, intent).ConfigureAwait(false);
            }
        }

        private async Task<ExportOutcome> ReadAndRearchiveAsync(string organizationId, string id, ExportOutcome outcome, BackupStore store, RequestCounter counter,
            ExportOptions options, DateTimeOffset? archivedAt, IReadOnlyList<JsonElement> activity, RestoreIntent intent)
        {
            JsonElement? run = null;
            TallyfyApiException? readError = null;
            string? lastUpdatedAfter = null;
            try
            {
                using ApiResponse read = await Http.SendAsync(RunRead(organizationId, id), counter).ConfigureAwait(false);
                if (read.IsSuccess)
                {
                    run = read.Data().Clone();
                    outcome.Name = Json.String(run.Value, "name") ?? outcome.Name;
                }
                else
                {
                    readError = read.ToException();
                }
            }
            catch (TallyfyApiException ex)
            {
                readError = ex;
            }

            // Archived again whatever the read did: the run must be left archived, also when the command was stopped
            // meanwhile (the stop waits for this item).
            options.Sending?.Invoke(BackupSteps.Rearchiving);
            counter.Undoing = true;
            try
            {
                using ApiResponse archived = await Http.SendAsync(new ApiRequest(HttpMethod.Delete, Paths.Run(organizationId, id))
                {
                    VerifyApplied = async c =>
                    {
                        RecordState seen = await Runs.ReadAsync(organizationId, id, c).ConfigureAwait(false);
                        return seen.State == KnownState.Missing ? Verification.Applied : RecordOperations.Showing(seen, done: KnownState.Archived, undone: KnownState.Live);
                    },
                }, counter).ConfigureAwait(false);
                if (!archived.IsSuccess)
                {
                    throw archived.ToException();
                }

                intent.Clear();
                outcome.StateAfter = KnownState.Archived;
                if (archived.Body != null && archived.Data().ValueKind == JsonValueKind.Object)
                {
                    lastUpdatedAfter = Json.String(archived.Data(), "last_updated");
                }
            }
            catch (TallyfyApiException ex)
            {
                counter.Undoing = false;
                outcome.LeftRestored = true;
                outcome.StateAfter = KnownState.Live;
                outcome.Message = $"The run was archived and was restored to be read, and archiving it again failed ({ex.Message}): it is live now. " +
                    $"The next TallyfyPS command for this organization archives it again; or archive it with Remove-TallyfyRun -Id {id}.";
                if (run is JsonElement r)
                {
                    Write(outcome, store, Header(organizationId, id, outcome.Name, null, archivedAt, true), r, activity);
                    outcome.Message += outcome.File is null ? string.Empty : $" Its backup was written to {outcome.File}.";
                }

                outcome.Status = TallyfyExportStatus.Failed;
                outcome.Error = new TallyfyApiException(ex.Kind, outcome.Message, ex.StatusCode, ex.ErrorCode, ex.RequestId, ex);
                outcome.HttpStatus = ex.StatusCode ?? outcome.HttpStatus;
                return outcome;
            }

            counter.Undoing = false;
            string redated = $"Tallyfy now records a new archive date; it had been archived at {Stamp(archivedAt)} (this result's ArchivedAt).";
            if (readError != null)
            {
                outcome.Fail(readError, counter.Sent, $"The run was restored to be read and archived again, but reading it failed: {readError.Message}. {redated}");
                return outcome;
            }

            Write(outcome, store, Header(organizationId, id, outcome.Name, lastUpdatedAfter, archivedAt, true), run!.Value, activity);
            outcome.ArchivedAt = archivedAt;
            outcome.Message = outcome.Status == TallyfyExportStatus.Exported
                ? $"The run was archived: it was restored for a moment to be read whole (Tallyfy hides an archived run's comments) and archived again. {redated}"
                : $"{outcome.Message} The run was archived again: {redated}";
            return outcome;
        }

        /// <summary>
        /// Archives again every run an earlier call of this organization restored to read and left live (it was killed
        /// before archiving it again); a record no call holds any more is claimed. A run found archived or gone is
        /// only cleared; a record whose archive fails is kept for the next call.
        /// </summary>
        public async Task<IReadOnlyList<(LeftRestoredRun Run, RemovalOutcome Outcome)>> ArchiveLeftRestoredAsync(string organizationId, CallContext context)
        {
            var done = new List<(LeftRestoredRun, RemovalOutcome)>();
            foreach (RestoreIntent intent in RestoreLedger.Claim(organizationId, Http.Options.BaseUri))
            {
                using (intent)
                {
                    RemovalOutcome outcome = await Runs.ArchiveAsync(organizationId, intent.Run.RunId, new RecordState(KnownState.Unknown, intent.Run.Name),
                        new RequestCounter(context)).ConfigureAwait(false);
                    if (outcome.Status == TallyfyRemovalStatus.Archived || outcome.Status == TallyfyRemovalStatus.AlreadyArchived ||
                        outcome.Status == TallyfyRemovalStatus.NotFound)
                    {
                        intent.Clear();
                    }

                    done.Add((intent.Run, outcome));
                }
            }

            return done;
        }

        private static string Stamp(DateTimeOffset? t) =>
            t?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown date";
    }
}
