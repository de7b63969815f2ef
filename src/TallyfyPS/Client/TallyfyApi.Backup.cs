using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Backups of runs (Export-TallyfyRun, Remove-TallyfyRun -BackupPath). A live run takes two requests: the run
    /// with every relation a backup keeps, and its activity. Tallyfy hides an archived run's comments (and may answer
    /// 404 to a read of an archived run), so an archived run is restored for a moment, read whole and archived again
    /// (five requests), and its result and file say so.
    /// </summary>
    public sealed partial class TallyfyApi
    {
        /// <summary>The relations a backup keeps: kick-off fields and answers, tags, folders, tasks with form fields and comments.</summary>
        internal const string BackupWith = "tasks,tasks.form_fields,tasks.threads,tags,ko_form_fields,folders";

        private static readonly string ModuleVersion =
            typeof(TallyfyApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? typeof(TallyfyApi).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        /// <summary>
        /// Writes one run's backup into <paramref name="store"/> (or finds the file there current), reading the run
        /// whole. Failures are in the outcome, never thrown.
        /// </summary>
        /// <param name="known">What the input showed of the run (its name and archived_at, used where a read cannot see it).</param>
        /// <param name="sending">Told <see cref="BackupSteps"/> just before a restore or an archive is sent.</param>
        /// <param name="restoredBefore">An earlier, interrupted call restored this run for its export: archive it again afterwards.</param>
        public async Task<ExportOutcome> ExportRunAsync(string organizationId, string id, RecordState known, BackupStore store, RequestCounter counter,
            Action<string>? sending = null, bool restoredBefore = false)
        {
            var outcome = new ExportOutcome { Name = known.Name };
            using BackupDocument? existing = store.Existing(id);
            outcome.Name ??= existing?.RunName;
            try
            {
                ApiResponse? first = null;
                try
                {
                    // Read first even when the input says archived: the object may be stale, and only a read tells a
                    // live run (which must not be "restored" and archived) from an archived one.
                    bool archived = false;
                    bool readLive = false;
                    DateTimeOffset? archivedAt = known.ArchivedAt;
                    DateTimeOffset? lastUpdated = null;
                    {
                        first = await Http.SendAsync(RunRead(organizationId, id), counter).ConfigureAwait(false);
                        outcome.RequestId = first.RequestId;
                        outcome.HttpStatus = first.Status;
                        if (first.IsSuccess)
                        {
                            JsonElement run = first.Data();
                            outcome.Name = Json.String(run, "name") ?? outcome.Name;
                            archivedAt = Json.Date(run, "archived_at");
                            lastUpdated = Json.Date(run, "last_updated");
                            archived = archivedAt != null;
                            readLive = !archived;
                            if (!archived && !restoredBefore)
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

                    // Archived (or a 404, which may mean archived): see it in the archived list where its name is known,
                    // so that a current file is found without restoring anything.
                    string? name = outcome.Name;
                    if (!readLive && existing != null && lastUpdated is null && name != null)
                    {
                        JsonElement? listed = await FindArchivedRunAsync(organizationId, id, name, counter).ConfigureAwait(false);
                        if (listed is JsonElement row)
                        {
                            archived = true;
                            archivedAt ??= Json.Date(row, "archived_at");
                            lastUpdated ??= Json.Date(row, "last_updated");
                        }
                    }

                    if (archived && existing != null && Same(existing.LastUpdated, lastUpdated))
                    {
                        return Current(outcome, existing, KnownState.Archived);
                    }

                    return await ExportArchivedAsync(organizationId, id, outcome, store, counter, sending, archivedAt, readLive).ConfigureAwait(false);
                }
                finally
                {
                    first?.Dispose();
                }
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

        /// <summary>Restores an archived run, reads it whole, archives it again (always, once restored), writes its file.</summary>
        /// <param name="isLive">The run reads as live, restored by an earlier interrupted call: it is not restored again, only archived.</param>
        private async Task<ExportOutcome> ExportArchivedAsync(string organizationId, string id, ExportOutcome outcome, BackupStore store, RequestCounter counter,
            Action<string>? sending, DateTimeOffset? archivedAt, bool isLive)
        {
            // The activity first: it tells when the run was archived (where no read could say), before the restore adds to it.
            IReadOnlyList<JsonElement> activity = await RunActivityAsync(organizationId, id, counter).ConfigureAwait(false);
            archivedAt ??= activity.Where(e => Verb(e) == "archived").Select(e => Json.Date(e, "created_at")).FirstOrDefault(d => d != null);
            if (!isLive)
            {
                sending?.Invoke(BackupSteps.Restoring);
                RestoreOutcome restored = await Runs.RestoreAsync(organizationId, id, new RecordState(KnownState.Archived, outcome.Name), counter).ConfigureAwait(false);
                outcome.RequestId = restored.RequestId;
                outcome.HttpStatus = restored.HttpStatus;
                outcome.Name = restored.Name ?? outcome.Name;
                if (restored.Error is TallyfyApiException error)
                {
                    string message = error.Kind == TallyfyErrorKind.NotFound
                        ? "No run with this id is visible in this organization, live or archived."
                        : $"The run is archived and could not be restored for the export (Tallyfy hides an archived run's comments): {error.Message}";
                    outcome.Fail(error, counter.Sent, message);
                    return outcome;
                }
            }

            outcome.RestoredForExport = true;
            JsonElement? run = null;
            TallyfyApiException? readError = null;
            ApiResponse? read = null;
            string? lastUpdatedAfter = null;
            try
            {
                try
                {
                    read = await Http.SendAsync(RunRead(organizationId, id), counter).ConfigureAwait(false);
                    if (read.IsSuccess)
                    {
                        run = read.Data();
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

                // Archived again whatever the read did: the export must leave the run as it found it, also when the
                // command was stopped meanwhile (the stop waits for this item).
                sending?.Invoke(BackupSteps.Rearchiving);
                counter.Undoing = true;
                try
                {
                    using ApiResponse archived = await Http.SendAsync(new ApiRequest(HttpMethod.Delete, Paths.Run(organizationId, id))
                    {
                        VerifyApplied = async c =>
                        {
                            RecordState seen = await Runs.ReadAsync(organizationId, id, c).ConfigureAwait(false);
                            return seen.State == KnownState.Archived || seen.State == KnownState.Missing ? true : seen.State == KnownState.Live ? false : (bool?)null;
                        },
                    }, counter).ConfigureAwait(false);
                    if (!archived.IsSuccess)
                    {
                        throw archived.ToException();
                    }

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
                    outcome.Message = $"The run was archived and was restored for the export, and archiving it again failed ({ex.Message}): it is live now. " +
                        $"Archive it with Remove-TallyfyRun -Id {id}.";
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
                if (readError != null)
                {
                    outcome.Fail(readError, counter.Sent, $"The run was restored for the export and archived again, but reading it failed: {readError.Message}");
                    return outcome;
                }

                outcome.ArchivedAt = archivedAt;
                Write(outcome, store, Header(organizationId, id, outcome.Name, lastUpdatedAfter, archivedAt, true), run!.Value, activity);
                if (outcome.Status == TallyfyExportStatus.Exported)
                {
                    outcome.Message = "The run was archived: it was restored for a moment to be read whole (Tallyfy hides an archived run's comments) and archived again.";
                }

                return outcome;
            }
            finally
            {
                read?.Dispose();
            }
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
            var entries = new List<JsonElement>();
            for (int page = 1; ; page++)
            {
                ApiPage<JsonElement> p = await Http.GetPageAsync(request, page, Paths.MaxPageSize, e => e.Clone(), counter).ConfigureAwait(false);
                entries.AddRange(p.Items);
                if (!p.HasMore || p.Items.Count == 0)
                {
                    return entries;
                }
            }
        }

        /// <summary>The run as the archived list shows it (searched by name), or null when it is not there.</summary>
        private async Task<JsonElement?> FindArchivedRunAsync(string organizationId, string id, string name, RequestCounter counter)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Runs(organizationId)) { Query = Paths.ArchivedOnly(RecordKind.Run, name) };
            for (int page = 1; ; page++)
            {
                ApiPage<JsonElement> p = await Http.GetPageAsync(request, page, Paths.MaxPageSize, e => e.Clone(), counter).ConfigureAwait(false);
                foreach (JsonElement e in p.Items)
                {
                    if (string.Equals(Json.String(e, "id"), id, StringComparison.OrdinalIgnoreCase))
                    {
                        return e;
                    }
                }

                if (!p.HasMore || p.Items.Count == 0)
                {
                    return null;
                }
            }
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

        /// <summary>Writes the file (whole or not at all, read back, hash checked); a failure is the outcome's.</summary>
        private static void Write(ExportOutcome outcome, BackupStore store, BackupHeader header, JsonElement run, IReadOnlyList<JsonElement> activity)
        {
            BackupDocument.CheckComplete(run, header.RunId);
            byte[] content = BackupDocument.Build(header, run, activity);
            string path = store.FileOf(header.RunId);
            try
            {
                outcome.Sha256 = store.Write(path, content);
            }
            catch (IOException ex)
            {
                outcome.Status = TallyfyExportStatus.Failed;
                outcome.WriteFailed = true;
                outcome.Message = $"The backup could not be written to {path}: {ex.Message}";
                outcome.Error = new TallyfyApiException(TallyfyErrorKind.ClientError, outcome.Message, inner: ex);
                return;
            }

            outcome.File = path;
            outcome.Bytes = content.LongLength;
            outcome.Status = TallyfyExportStatus.Exported;
            outcome.LastUpdated = Json.Date(run, "last_updated");
            outcome.ArchivedAt = header.ArchivedAt;
            outcome.Row = Row(run, header.ArchivedAt, System.IO.Path.GetFileName(path), outcome.Sha256, header.ExportedAt);
            outcome.Row.LastUpdated = header.LastUpdated ?? outcome.Row.LastUpdated;
            if (header.LastUpdated != null)
            {
                outcome.LastUpdated = DateTimeOffset.TryParse(header.LastUpdated, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset lu) ? lu : outcome.LastUpdated;
            }
        }

        /// <summary>The file in the folder records the run as it is now: it is read back and its hash taken, nothing is written.</summary>
        private static ExportOutcome Current(ExportOutcome outcome, BackupDocument existing, KnownState state)
        {
            try
            {
                outcome.Sha256 = BackupStore.HashOf(existing.Path);
                outcome.Bytes = new FileInfo(existing.Path).Length;
            }
            catch (IOException ex)
            {
                outcome.Status = TallyfyExportStatus.Failed;
                outcome.WriteFailed = true;
                outcome.Message = $"The backup {existing.Path} is current but cannot be read back: {ex.Message}";
                outcome.Error = new TallyfyApiException(TallyfyErrorKind.ClientError, outcome.Message, inner: ex);
                return outcome;
            }

            outcome.Status = TallyfyExportStatus.Current;
            outcome.File = existing.Path;
            outcome.LastUpdated = existing.LastUpdated;
            outcome.ArchivedAt = existing.ArchivedAt;
            outcome.RestoredForExport = false;
            outcome.StateAfter = state;
            outcome.Message = $"The backup {existing.Path} is current (the run's last_updated is the one it records); nothing was written.";
            outcome.Row = Row(existing.Run, existing.ArchivedAt, System.IO.Path.GetFileName(existing.Path), outcome.Sha256, existing.ExportedAt ?? DateTimeOffset.UtcNow);
            outcome.Row.LastUpdated = Json.String(existing.Root, "last_updated") ?? outcome.Row.LastUpdated;
            return outcome;
        }

        private static BackupIndexRow Row(JsonElement run, DateTimeOffset? archivedAt, string file, string sha256, DateTimeOffset exportedAt) => new BackupIndexRow
        {
            RunId = Json.String(run, "id") ?? string.Empty,
            Name = Json.String(run, "name"),
            Status = Json.String(run, "status"),
            CreatedAt = Json.String(run, "created_at"),
            StartedAt = Json.String(run, "started_at"),
            CompletedAt = Json.String(run, "completed_at"),
            ArchivedAt = archivedAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? Json.String(run, "archived_at"),
            LastUpdated = Json.String(run, "last_updated"),
            File = file,
            Sha256 = sha256,
            ExportedAt = exportedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
