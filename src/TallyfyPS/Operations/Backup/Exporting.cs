using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Client;
using static TallyfyPS.Client.TallyfyApi;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Backups of runs (Export-TallyfyRun, Remove-TallyfyRun -BackupPath). A live run takes two requests: the run
    /// with every relation a backup keeps, and its activity. An archived run is left as it was: it is backed up from
    /// what can be read of it without restoring it (Tallyfy hides an archived run's comments, and may answer 404 to a
    /// read of it, when the archived list is what shows it), and the file and result say what it could not hold. Only
    /// when asked (<see cref="ExportOptions.RestoreToRead"/>) is an archived run restored for a moment, read whole and
    /// archived again, the intent recorded first in <see cref="RestoreLedger"/>.
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <summary>The relations a backup keeps: kick-off fields and answers, tags, folders, tasks with form fields and comments.</summary>
        internal const string BackupWith = "tasks,tasks.form_fields,tasks.threads,tags,ko_form_fields,folders";

        /// <summary>What the runs list offers of them (nested task relations are for a single run only), plus the run's form fields.</summary>
        internal const string ListedBackupWith = "tasks,form_fields,tags,ko_form_fields,folders";

        private static readonly string ModuleVersion =
            typeof(TallyfyApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? typeof(TallyfyApi).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        /// <summary>
        /// Writes one run's backup into <paramref name="store"/> (or finds the file there current). Failures are in the
        /// outcome, never thrown.
        /// </summary>
        /// <param name="known">What the input showed of the run (its name and archived_at, used where a read cannot see it).</param>
        public async Task<ExportOutcome> ExportRunAsync(string organizationId, string id, RecordState known, BackupStore store, RequestCounter counter,
            ExportOptions options)
        {
            var outcome = new ExportOutcome { Name = known.Name };
            using BackupDocument? existing = store.Existing(id);
            outcome.Name ??= existing?.RunName;
            try
            {
                // Read first even when the input says archived: the object may be stale, and only a read tells a
                // live run from an archived one.
                bool archived = false;
                bool readLive = false;
                DateTimeOffset? archivedAt = known.ArchivedAt;
                DateTimeOffset? lastUpdated = null;
                JsonElement? seen = null;
                bool fromList = false;
                using (ApiResponse first = await Http.SendAsync(RunRead(organizationId, id), counter).ConfigureAwait(false))
                {
                    outcome.RequestId = first.RequestId;
                    outcome.HttpStatus = first.Status;
                    if (first.IsSuccess)
                    {
                        JsonElement run = first.Data().Clone();
                        outcome.Name = Json.String(run, "name") ?? outcome.Name;
                        archived = Json.Date(run, "archived_at") != null;
                        archivedAt = archived ? Json.Date(run, "archived_at") : archivedAt;
                        lastUpdated = Json.Date(run, "last_updated");
                        readLive = !archived;
                        seen = run;
                        if (!archived && !options.RestoredBefore)
                        {
                            if (existing != null && Same(existing.LastUpdated, lastUpdated))
                            {
                                return Current(outcome, existing, KnownState.Live);
                            }

                            IReadOnlyList<JsonElement> activity = await RunActivityAsync(organizationId, id, counter).ConfigureAwait(false);
                            var header = Header(organizationId, id, outcome.Name, Json.String(run, "last_updated"), null, false);
                            Write(outcome, store, header, run, activity);
                            outcome.StateAfter = KnownState.Live;
                            return outcome;
                        }
                    }
                    else if (first.Status != 404)
                    {
                        throw first.ToException();
                    }
                }

                // A 404 may mean archived: the archived list shows the run (searched by name, found by id).
                if (seen is null)
                {
                    if (await FindArchivedRunAsync(organizationId, id, outcome.Name, counter).ConfigureAwait(false) is JsonElement row)
                    {
                        archived = true;
                        fromList = true;
                        seen = row;
                        outcome.Name = Json.String(row, "name") ?? outcome.Name;
                        archivedAt = Json.Date(row, "archived_at") ?? archivedAt;
                        lastUpdated = Json.Date(row, "last_updated");
                    }
                    else if (!options.RestoreToRead)
                    {
                        outcome.Fail(new TallyfyApiException(TallyfyErrorKind.NotFound, "No run with this id is visible in this organization, live or archived.", 404),
                            counter.Sent);
                        return outcome;
                    }
                }

                if (archived && existing != null && Same(existing.LastUpdated, lastUpdated) && (existing.Complete || !options.RestoreToRead))
                {
                    return Current(outcome, existing, KnownState.Archived);
                }

                outcome.ArchivedAt = archivedAt;
                if (options.RestoreToRead || readLive)
                {
                    return await ExportRestoredAsync(organizationId, id, outcome, store, counter, options, archivedAt, readLive).ConfigureAwait(false);
                }

                return await ExportAsArchivedAsync(organizationId, id, outcome, store, counter, seen!.Value, fromList, archivedAt).ConfigureAwait(false);
            }
            catch (TallyfyApiException ex)
            {
                if (outcome.Status != TallyfyExportStatus.Exported)
                {
                    outcome.Fail(ex, counter.Sent, outcome.LeftRestored ? outcome.Message : null);
                }

                return outcome;
            }
        }

        /// <summary>
        /// Backs an archived run up as it can be read while archived, changing nothing: the file and the outcome name
        /// what it could not hold.
        /// </summary>
        private async Task<ExportOutcome> ExportAsArchivedAsync(string organizationId, string id, ExportOutcome outcome, BackupStore store, RequestCounter counter,
            JsonElement run, bool fromList, DateTimeOffset? archivedAt)
        {
            IReadOnlyList<JsonElement> activity = await RunActivityAsync(organizationId, id, counter).ConfigureAwait(false);
            archivedAt ??= activity.Where(e => Verb(e) == "archived").Select(e => Json.Date(e, "created_at")).FirstOrDefault(d => d != null);
            IReadOnlyList<string> missing = BackupDocument.MissingOf(run, id, archived: true);
            BackupHeader header = Header(organizationId, id, outcome.Name, Json.String(run, "last_updated"), archivedAt, false);
            header.Missing = missing;
            outcome.StateAfter = KnownState.Archived;
            Write(outcome, store, header, run, activity);
            if (outcome.Status == TallyfyExportStatus.Exported)
            {
                outcome.Message = $"The run is archived and was left as it was{(fromList ? " (read from the archived list: Tallyfy answers 404 to a read of it)" : string.Empty)}: " +
                    $"its backup is not complete, it lacks {BackupDocument.Describe(missing)}, which Tallyfy hides while a run is archived. " +
                    "Export-TallyfyRun -RestoreToRead reads it whole (Tallyfy then records a new archive date).";
            }

            return outcome;
        }

        private ApiRequest RunRead(string organizationId, string id) =>
            new ApiRequest(HttpMethod.Get, Paths.Run(organizationId, id)) { Query = WithQuery(BackupWith) };

        /// <summary>The run's entries of the activity feed, as the service answered them (every page).</summary>
        private async Task<IReadOnlyList<JsonElement>> RunActivityAsync(string organizationId, string id, RequestCounter counter)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.ActivityFeed(organizationId))
            {
                Query = new ActivityQuery { EntityType = "run", EntityId = id }.ToQuery(),
            };
            return await Http.AllPagesAsync(request, e => e.Clone(), counter).ConfigureAwait(false);
        }

        /// <summary>
        /// The run as the archived list shows it, with the relations the list offers, or null when it is not there:
        /// searched by its name where known, else (or when not found under it) found in the whole list, light, and then
        /// searched by the name found.
        /// </summary>
        private async Task<JsonElement?> FindArchivedRunAsync(string organizationId, string id, string? name, RequestCounter counter)
        {
            if (name != null && await SearchArchivedAsync(organizationId, id, name, ListedBackupWith, counter).ConfigureAwait(false) is JsonElement byName)
            {
                return byName;
            }

            if (await SearchArchivedAsync(organizationId, id, null, null, counter).ConfigureAwait(false) is not JsonElement bare)
            {
                return null;
            }

            string? found = Json.String(bare, "name");
            return found != null && await SearchArchivedAsync(organizationId, id, found, ListedBackupWith, counter).ConfigureAwait(false) is JsonElement whole
                ? whole : bare;
        }

        private async Task<JsonElement?> SearchArchivedAsync(string organizationId, string id, string? name, string? with, RequestCounter counter)
        {
            var query = new List<KeyValuePair<string, string>>(Paths.ArchivedOnly(RecordKind.Run, name));
            if (with != null)
            {
                query.Add(new KeyValuePair<string, string>("with", with));
            }

            var request = new ApiRequest(HttpMethod.Get, Paths.Runs(organizationId)) { Query = query };
            (bool found, JsonElement run) = await Http.FindInPagesAsync(request, e => e.Clone(),
                e => string.Equals(Json.String(e, "id"), id, StringComparison.OrdinalIgnoreCase), counter).ConfigureAwait(false);
            return found ? run : null;
        }

        private static string? Verb(JsonElement entry) =>
            Json.Prop(entry, "verb") is JsonElement v
                ? v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : null).FirstOrDefault() : Json.TryText(v)
                : null;

        private static bool Same(DateTimeOffset? a, DateTimeOffset? b) => a != null && b != null && a.Value == b.Value;

        private BackupHeader Header(string organizationId, string id, string? name, string? lastUpdated, DateTimeOffset? archivedAt, bool restored) => new BackupHeader
        {
            ExportedAt = DateTimeOffset.UtcNow,
            ModuleVersion = ModuleVersion,
            OrganizationId = organizationId,
            SourceUrl = Http.BuildUri(Paths.Run(organizationId, id), null).AbsoluteUri,
            RunId = id,
            RunName = name ?? string.Empty,
            LastUpdated = lastUpdated,
            ArchivedAt = archivedAt,
            RestoredForExport = restored,
        };
    }
}
