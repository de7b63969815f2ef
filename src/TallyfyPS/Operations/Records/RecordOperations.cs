using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Archive, permanent delete and restore of one kind of record, with Tallyfy's rules and every alternative
    /// the contract leaves open: re-archiving may answer 200 or 404, an archived run may read as 200 or 404,
    /// deleting a live record may answer 422 or 404, success may be 200 or 204. Each operation sends only
    /// what its outcome needs; a change whose outcome is unknown is checked with a read before it is repeated,
    /// and when a read cannot see the record the archived list settles it, so a status is never a guess.
    /// </summary>
    internal sealed class RecordOperations
    {
        private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(50);
        private readonly TallyfyClient _http;
        private readonly RecordKind _kind;
        private readonly ArchiveLog _archived;

        internal RecordOperations(TallyfyClient http, RecordKind kind, ArchiveLog archived)
        {
            _http = http;
            _kind = kind;
            _archived = archived;
        }

        public RecordKind Kind => _kind;

        /// <summary>Reads a record's state: Live or Archived, or Missing on 404 (other failures throw).</summary>
        public async Task<RecordState> ReadAsync(string organizationId, string id, RequestCounter counter)
        {
            using ApiResponse r = await _http.SendAsync(new ApiRequest(HttpMethod.Get, Paths.Record(_kind, organizationId, id)), counter).ConfigureAwait(false);
            if (r.Status == 404)
            {
                return new RecordState(KnownState.Missing, serverDate: r.Date);
            }

            r.EnsureSuccess();
            return StateOf(r.Data(), r.Date);
        }

        /// <summary>
        /// Looks for a record in the archived list (by name where known, paged until the id is found or the list
        /// ends): the way to tell "archived" from "gone" when a read of an archived record answers 404.
        /// </summary>
        public async Task<RecordState> FindArchivedAsync(string organizationId, string id, string? name, RequestCounter counter)
        {
            RecordState found = await SearchArchivedAsync(organizationId, id, name, counter).ConfigureAwait(false);
            if (found.State == KnownState.Missing && !string.IsNullOrEmpty(name))
            {
                // Renamed since it was read? Walk the whole archived list before saying it is gone.
                found = await SearchArchivedAsync(organizationId, id, null, counter).ConfigureAwait(false);
            }

            return found;
        }

        private async Task<RecordState> SearchArchivedAsync(string organizationId, string id, string? name, RequestCounter counter)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Collection(_kind, organizationId)) { Query = Paths.ArchivedOnly(_kind, name) };
            (bool found, RecordState state) = await _http.FindInPagesAsync(request, e => StateOf(e, null),
                s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase), counter).ConfigureAwait(false);
            return found ? state : new RecordState(KnownState.Missing);
        }

        /// <summary>Archives (soft-deletes) a record.</summary>
        /// <param name="known">What the input or a read showed before (its ArchivedAt tells a re-archive apart).</param>
        /// <param name="sending">Told <see cref="ChangeSteps.Archiving"/> just before the archive request.</param>
        public async Task<RemovalOutcome> ArchiveAsync(string organizationId, string id, RecordState known, RequestCounter counter, Action<string>? sending = null)
        {
            var outcome = new RemovalOutcome { Name = known.Name };
            var clock = Stopwatch.StartNew();
            try
            {
                RecordState? verified = null;
                sending?.Invoke(ChangeSteps.Archiving);
                using ApiResponse r = await _http.SendAsync(new ApiRequest(HttpMethod.Delete, Paths.Record(_kind, organizationId, id))
                {
                    VerifyApplied = async c =>
                    {
                        verified = await SeeAsync(organizationId, id, known.Name, c).ConfigureAwait(false);
                        return Showing(verified, done: KnownState.Archived, undone: KnownState.Live);
                    },
                }, counter).ConfigureAwait(false);
                outcome.RequestId = r.RequestId;
                if (r.AppliedByVerification)
                {
                    outcome.HttpStatus = 200;
                    outcome.Name ??= verified?.Name;
                    outcome.Status = ArchivedStatus(id, known, verified?.ArchivedAt, verified?.ServerDate, clock.Elapsed);
                    outcome.Message = $"The connection failed before the answer came; a read showed the {_kind.Noun} archived.";
                    return outcome;
                }

                outcome.HttpStatus = r.Status;
                if (r.IsSuccess)
                {
                    RecordState after = r.Body is null
                        ? await ConfirmArchivedAsync(organizationId, id, known, r.Status, counter).ConfigureAwait(false)
                        : StateOf(r.Data(), r.Date);
                    outcome.Name ??= after.Name;
                    outcome.Status = ArchivedStatus(id, known, after.ArchivedAt, after.ServerDate ?? r.Date, clock.Elapsed);
                    return outcome;
                }

                if (r.Status != 404)
                {
                    outcome.Fail(r.ToException(), counter.Sent);
                    return outcome;
                }

                // Missing, or already archived where the service answers a re-archive with 404: look.
                RecordState seen = await SeeAsync(organizationId, id, known.Name, counter).ConfigureAwait(false);
                if (seen.State == KnownState.Archived)
                {
                    outcome.Name ??= seen.Name;
                    outcome.HttpStatus = 200;
                    // An earlier try of ours whose answer was lost may have been what archived it.
                    outcome.Status = counter.RetriesUsed > 0
                        ? ArchivedStatus(id, known, seen.ArchivedAt, seen.ServerDate, clock.Elapsed)
                        : TallyfyRemovalStatus.AlreadyArchived;
                    return outcome;
                }

                outcome.Fail(r.ToException(), counter.Sent);
                return outcome;
            }
            catch (TallyfyApiException ex)
            {
                return Failed(outcome, ex, counter);
            }
        }

        /// <summary>
        /// Permanently deletes a record; archives it first unless it is known to be archived (Tallyfy deletes only
        /// archived records). A live record costs two requests (archive, whose answer carries the name, then
        /// delete); an archived one at most two; one known to be archived one.
        /// </summary>
        /// <param name="sending">Told <see cref="ChangeSteps.Deleting"/> just before the deletion is sent (the record was seen then).</param>
        public async Task<RemovalOutcome> DeleteAsync(string organizationId, string id, RecordState known, RequestCounter counter, Action<string>? sending = null)
        {
            var outcome = new RemovalOutcome { Name = known.Name };
            bool archivedNow = false;
            try
            {
                if (known.State != KnownState.Archived)
                {
                    ArchiveStep step = await ArchiveBeforeDeleteAsync(organizationId, id, known, outcome, counter).ConfigureAwait(false);
                    if (step == ArchiveStep.Stop)
                    {
                        return outcome;
                    }

                    archivedNow = step == ArchiveStep.Archived;
                    outcome.ArchivedOnTheWay = archivedNow;
                }

                for (int round = 0; ; round++)
                {
                    bool archivedKnown = archivedNow || known.State == KnownState.Archived;
                    sending?.Invoke(ChangeSteps.Deleting);
                    using ApiResponse r = await _http.SendAsync(new ApiRequest(HttpMethod.Delete, Paths.RecordDeletion(_kind, organizationId, id))
                    {
                        VerifyApplied = async c =>
                        {
                            RecordState seen = await SeeAsync(organizationId, id, outcome.Name, c).ConfigureAwait(false);
                            return seen.Exists ? Verification.NotApplied : archivedKnown ? Verification.Applied : Verification.CannotTell;
                        },
                    }, counter).ConfigureAwait(false);
                    outcome.RequestId = r.RequestId;
                    outcome.HttpStatus = r.AppliedByVerification ? 404 : r.Status;
                    if (r.IsSuccess)
                    {
                        outcome.Status = TallyfyRemovalStatus.Deleted;
                        outcome.ArchivedOnTheWay = false;
                        if (r.AppliedByVerification)
                        {
                            outcome.Message = $"The connection failed before the answer came; a read showed the {_kind.Noun} gone.";
                        }

                        return outcome;
                    }

                    // 422 (or 404 on some services): not archived yet, where the input said it was. Archive, then delete.
                    bool notArchivedYet = r.Status == 422 || (r.Status == 404 && !archivedNow);
                    if (round == 0 && notArchivedYet && known.State == KnownState.Archived)
                    {
                        ArchiveStep step = await ArchiveBeforeDeleteAsync(organizationId, id, RecordState.Unknown, outcome, counter).ConfigureAwait(false);
                        if (step == ArchiveStep.Stop)
                        {
                            return outcome;
                        }

                        archivedNow = step == ArchiveStep.Archived;
                        outcome.ArchivedOnTheWay = archivedNow;
                        continue;
                    }

                    if (r.Status == 404 && !archivedNow)
                    {
                        // Neither archived nor deleted, yet 404 to both: nothing of that id is left to delete.
                        outcome.SetAbsent();
                        return outcome;
                    }

                    outcome.Fail(r.ToException(), counter.Sent, archivedNow ? ArchivedNotDeleted(r.ToException().Message) : null);
                    return outcome;
                }
            }
            catch (TallyfyApiException ex)
            {
                return Failed(outcome, ex, counter, archivedNow ? ArchivedNotDeleted(ex.Message) : null);
            }
        }

        /// <summary>Restores (reactivates) an archived record. A live record is reported NotArchived and left alone.</summary>
        /// <param name="known">What the input or a read showed; an unknown record is read first, to tell NotArchived apart.</param>
        /// <param name="sending">Told <see cref="ChangeSteps.Restoring"/> just before the restore request.</param>
        public async Task<RestoreOutcome> RestoreAsync(string organizationId, string id, RecordState known, RequestCounter counter, Action<string>? sending = null)
        {
            var outcome = new RestoreOutcome { Name = known.Name };
            try
            {
                if (known.State == KnownState.Unknown)
                {
                    known = await ReadAsync(organizationId, id, counter).ConfigureAwait(false);
                    outcome.Name ??= known.Name;
                }

                counter.LookedUp(); // the reads that told its state use MaxRetries too
                if (known.State == KnownState.Live)
                {
                    outcome.Status = TallyfyRestoreStatus.NotArchived;
                    outcome.HttpStatus = 200;
                    outcome.Message = $"The {_kind.Noun} is not archived; nothing to restore.";
                    return outcome;
                }

                sending?.Invoke(ChangeSteps.Restoring);
                using ApiResponse r = await _http.SendAsync(new ApiRequest(HttpMethod.Put, Paths.RecordRestore(_kind, organizationId, id))
                {
                    VerifyApplied = async c =>
                    {
                        RecordState seen = await SeeAsync(organizationId, id, outcome.Name, c).ConfigureAwait(false);
                        return Showing(seen, done: KnownState.Live, undone: KnownState.Archived);
                    },
                }, counter).ConfigureAwait(false);
                outcome.RequestId = r.RequestId;
                outcome.HttpStatus = r.AppliedByVerification ? 200 : r.Status;
                if (r.IsSuccess)
                {
                    if (r.Body != null)
                    {
                        outcome.Name = Json.String(r.Data(), _kind.NameField) ?? outcome.Name;
                    }

                    outcome.Status = TallyfyRestoreStatus.Restored;
                    if (r.AppliedByVerification)
                    {
                        outcome.Message = $"The connection failed before the answer came; a read showed the {_kind.Noun} restored.";
                    }

                    return outcome;
                }

                if (r.Status == 404 && counter.RetriesUsed > 0)
                {
                    // A lost answer to an earlier try may have restored it: look before saying NotFound.
                    RecordState seen = await SeeAsync(organizationId, id, outcome.Name, counter).ConfigureAwait(false);
                    if (seen.State == KnownState.Live)
                    {
                        outcome.Name ??= seen.Name;
                        outcome.HttpStatus = 200;
                        outcome.Status = TallyfyRestoreStatus.Restored;
                        outcome.Message = $"The connection failed before an answer came; a read showed the {_kind.Noun} restored.";
                        return outcome;
                    }
                }

                outcome.Fail(r.ToException(), counter.Sent);
                return outcome;
            }
            catch (TallyfyApiException ex)
            {
                return Failed(outcome, ex, counter);
            }
        }

        /// <summary>True when a record's archived_at is older than this call: it was archived before we asked.</summary>
        internal static bool IsOlder(DateTimeOffset? archivedAt, DateTimeOffset? serverDate, TimeSpan elapsedSinceFirstSend)
        {
            if (!archivedAt.HasValue || !serverDate.HasValue)
            {
                return false;
            }

            // The Date header is truncated to the second, so the service's clock at our first send is at least
            // serverDate - elapsed; anything archived before that instant was not archived by us.
            return archivedAt.Value < serverDate.Value - elapsedSinceFirstSend - ClockSlack;
        }

        private enum ArchiveStep
        {
            /// <summary>This call archived it.</summary>
            Archived,
            /// <summary>It was already archived, or the service would not say (a 404 that may mean "already archived").</summary>
            TryDelete,
            /// <summary>The outcome is settled (not found, failed): do not delete.</summary>
            Stop,
        }

        /// <summary>The archive before a permanent deletion. A 404 is not looked into: the delete that follows tells.</summary>
        private async Task<ArchiveStep> ArchiveBeforeDeleteAsync(string organizationId, string id, RecordState known, RemovalOutcome outcome, RequestCounter counter)
        {
            var clock = Stopwatch.StartNew();
            using ApiResponse r = await _http.SendAsync(new ApiRequest(HttpMethod.Delete, Paths.Record(_kind, organizationId, id))
            {
                VerifyApplied = async c =>
                {
                    RecordState seen = await SeeAsync(organizationId, id, known.Name, c).ConfigureAwait(false);
                    return Showing(seen, done: KnownState.Archived, undone: KnownState.Live);
                },
            }, counter).ConfigureAwait(false);
            if (r.AppliedByVerification)
            {
                return ArchiveStep.Archived;
            }

            if (r.IsSuccess)
            {
                if (r.Body != null)
                {
                    RecordState after = StateOf(r.Data(), r.Date);
                    outcome.Name ??= after.Name;
                    return ArchivedStatus(id, known, after.ArchivedAt, r.Date, clock.Elapsed) == TallyfyRemovalStatus.Archived ? ArchiveStep.Archived : ArchiveStep.TryDelete;
                }

                return ArchiveStep.Archived;
            }

            if (r.Status == 404)
            {
                return ArchiveStep.TryDelete;
            }

            TallyfyApiException error = r.ToException();
            outcome.HttpStatus = r.Status;
            outcome.RequestId = r.RequestId;
            outcome.Fail(error, counter.Sent, $"It could not be archived, which Tallyfy requires before permanent deletion: {error.Message}");
            return ArchiveStep.Stop;
        }

        /// <summary>A bare 200 proves nothing: read the record back to see whether it is archived.</summary>
        private async Task<RecordState> ConfirmArchivedAsync(string organizationId, string id, RecordState known, int status, RequestCounter counter)
        {
            RecordState seen = await SeeAsync(organizationId, id, known.Name, counter).ConfigureAwait(false);
            if (seen.State == KnownState.Live)
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service answered HTTP {status} with an empty body, and the {_kind.Noun} is still live: it was not archived.", status);
            }

            return seen;
        }

        /// <summary>A read that looks in the archived list when the record reads as missing.</summary>
        private async Task<RecordState> SeeAsync(string organizationId, string id, string? name, RequestCounter counter)
        {
            RecordState seen = await ReadAsync(organizationId, id, counter).ConfigureAwait(false);
            return seen.State == KnownState.Missing ? await FindArchivedAsync(organizationId, id, seen.Name ?? name, counter).ConfigureAwait(false) : seen;
        }

        /// <summary>Archived by this call, or already archived before it.</summary>
        private TallyfyRemovalStatus ArchivedStatus(string id, RecordState known, DateTimeOffset? archivedAt, DateTimeOffset? serverDate, TimeSpan elapsed)
        {
            bool older = (known.State == KnownState.Archived && (known.ArchivedAt is null || archivedAt is null || known.ArchivedAt == archivedAt)) ||
                IsOlder(archivedAt, serverDate, elapsed) || _archived.Contains(_kind, id, archivedAt);
            if (!older)
            {
                _archived.Add(_kind, id, archivedAt);
            }

            return older ? TallyfyRemovalStatus.AlreadyArchived : TallyfyRemovalStatus.Archived;
        }

        private string ArchivedNotDeleted(string why) =>
            $"The {_kind.Noun} was archived but not permanently deleted: {why.TrimEnd('.')}. It stays archived; restore it or retry the deletion.";

        private RecordState StateOf(JsonElement data, DateTimeOffset? serverDate)
        {
            DateTimeOffset? archivedAt = Mapper.ArchiveMarker(data);
            return new RecordState(archivedAt.HasValue ? KnownState.Archived : KnownState.Live,
                Json.String(data, _kind.NameField) ?? string.Empty, archivedAt, Json.String(data, "run_id") is string run && run.Length > 0 ? run : null, serverDate)
            {
                Id = Json.String(data, "id"),
            };
        }

        private static TOutcome Failed<TOutcome>(TOutcome outcome, TallyfyApiException ex, RequestCounter counter, string? message = null)
            where TOutcome : RecordOutcome
        {
            outcome.Fail(ex, counter.Sent, message);
            return outcome;
        }

        /// <summary>What a read of the record says of a change that leaves it <paramref name="done"/> (it was), <paramref name="undone"/> (it was not), or anything else (cannot tell).</summary>
        internal static Verification Showing(RecordState seen, KnownState done, KnownState undone) =>
            seen.State == done ? Verification.Applied : seen.State == undone ? Verification.NotApplied : Verification.CannotTell;
    }
}
