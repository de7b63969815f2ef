using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>What a kind of record needs for archive, permanent delete and restore.</summary>
    public sealed class ResourceKind
    {
        private ResourceKind(string collection, string restoreVerb, string noun, string nameField)
        {
            Collection = collection;
            RestoreVerb = restoreVerb;
            Noun = noun;
            NameField = nameField;
        }

        /// <summary>Runs: archive with DELETE, reactivate with PUT .../activate.</summary>
        public static ResourceKind Run { get; } = new ResourceKind("runs", "activate", "run", "name");

        /// <summary>One-off tasks: archive with DELETE, restore with PUT .../restore.</summary>
        public static ResourceKind Task { get; } = new ResourceKind("tasks", "restore", "task", "title");

        public string Collection { get; }
        public string RestoreVerb { get; }
        public string Noun { get; }
        public string NameField { get; }

        public string PathOf(string organizationId, string id) =>
            "organizations/" + TallyfyClient.Segment(organizationId) + "/" + Collection + "/" + TallyfyClient.Segment(id);
    }

    /// <summary>The result of one lifecycle call for one record, before it becomes a PowerShell result object.</summary>
    public sealed class Outcome
    {
        public TallyfyAction Action { get; set; }
        public TallyfyRemovalStatus RemovalStatus { get; set; }
        public TallyfyRestoreStatus RestoreStatus { get; set; }
        public string? Name { get; set; }
        public int? HttpStatus { get; set; }
        public string? Message { get; set; }
        public int Attempts { get; set; }
        public string? RequestId { get; set; }
        /// <summary>Set when the item failed: the error to report.</summary>
        public TallyfyApiException? Error { get; set; }

        /// <summary>The outcome of an item that failed with <paramref name="error"/>.</summary>
        public static Outcome Failed(TallyfyApiException error)
        {
            var outcome = new Outcome();
            outcome.RecordFailure(error);
            return outcome;
        }

        /// <summary>Records a failure: the error, what the last answer said, and the status it means.</summary>
        internal void RecordFailure(TallyfyApiException error)
        {
            Error = error;
            HttpStatus = error.StatusCode ?? HttpStatus;
            RequestId = error.RequestId ?? RequestId;
            Attempts = Math.Max(Attempts, error.Attempts);
            Message = error.Message;
            switch (error.Kind)
            {
                case TallyfyErrorKind.NotFound:
                    RemovalStatus = TallyfyRemovalStatus.NotFound;
                    RestoreStatus = TallyfyRestoreStatus.NotFound;
                    break;
                case TallyfyErrorKind.Forbidden:
                    RemovalStatus = TallyfyRemovalStatus.Forbidden;
                    RestoreStatus = TallyfyRestoreStatus.Forbidden;
                    break;
                default:
                    RemovalStatus = TallyfyRemovalStatus.Failed;
                    RestoreStatus = TallyfyRestoreStatus.Failed;
                    break;
            }
        }
    }

    /// <summary>What a read of one record showed.</summary>
    public sealed class Probe
    {
        public bool Exists { get; set; }
        public string? Name { get; set; }
        public DateTimeOffset? ArchivedAt { get; set; }
        public string? RunId { get; set; }
        public DateTimeOffset? ServerDate { get; set; }
        public int Attempts { get; set; }
    }

    /// <summary>
    /// Archive, permanent delete and restore, with Tallyfy's rules and every alternative behaviour the
    /// contract leaves open: re-archiving may answer 200 or 404, an archived record may read as 200 or
    /// 404, deleting a live record may answer 422 or 404, success may be 200 or 204. A mutation whose
    /// outcome is unknown is verified with a read before it is repeated.
    /// </summary>
    public sealed class Lifecycle
    {
        private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(50);
        private readonly TallyfyClient _client;
        private readonly ResourceKind _kind;

        public Lifecycle(TallyfyClient client, ResourceKind kind)
        {
            _client = client;
            _kind = kind;
        }

        /// <summary>Reads the record's state. Exists=false on 404; other failures throw.</summary>
        public async Task<Probe> ProbeAsync(string organizationId, string id, CancellationToken cancellationToken)
        {
            using ApiResponse r = await _client.SendAsync(HttpMethod.Get, _kind.PathOf(organizationId, id), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (r.Status == 404)
            {
                return new Probe { Exists = false, Attempts = r.Attempts, ServerDate = r.Date };
            }

            r.EnsureSuccess();
            JsonElement data = r.Data();
            return new Probe
            {
                Exists = true,
                Name = Json.String(data, _kind.NameField),
                ArchivedAt = Json.Date(data, "archived_at"),
                RunId = Json.String(data, "run_id"),
                ServerDate = r.Date,
                Attempts = r.Attempts,
            };
        }

        /// <summary>Archives (soft-deletes) a record.</summary>
        /// <param name="existsKnown">True when the caller has just seen the record exist (a 404 then means hidden, not missing).</param>
        public async Task<Outcome> ArchiveAsync(string organizationId, string id, bool existsKnown, CancellationToken cancellationToken)
        {
            var outcome = new Outcome { Action = TallyfyAction.Archive };
            var clock = Stopwatch.StartNew();
            Probe? verified = null;
            int extra = 0;
            ApiResponse r;
            try
            {
                r = await _client.SendAsync(HttpMethod.Delete, _kind.PathOf(organizationId, id), verifyApplied: async ct =>
                {
                    Probe p = await ProbeAsync(organizationId, id, ct).ConfigureAwait(false);
                    extra += p.Attempts - 1;
                    verified = p;
                    if (p.Exists)
                    {
                        return p.ArchivedAt.HasValue;
                    }

                    return existsKnown ? true : (bool?)null;
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (TallyfyApiException ex)
            {
                return Fail(outcome, ex);
            }

            using (r)
            {
                outcome.Attempts = r.Attempts + extra;
                outcome.HttpStatus = r.AppliedByVerification ? (verified?.Exists == true ? 200 : 404) : r.Status;
                outcome.RequestId = r.RequestId;
                if (r.AppliedByVerification)
                {
                    outcome.Name = verified?.Name;
                    outcome.RemovalStatus = IsOlder(verified?.ArchivedAt, verified?.ServerDate, clock.Elapsed)
                        ? TallyfyRemovalStatus.AlreadyArchived : TallyfyRemovalStatus.Archived;
                    outcome.Message = $"The connection failed before the answer came; a read showed the {_kind.Noun} archived.";
                    return outcome;
                }

                if (r.IsSuccess && r.Body is null && r.Status == 200)
                {
                    // Archiving answers with the record; a bare 200 proves nothing, so read it back.
                    return await ConfirmArchivedAsync(organizationId, id, outcome, clock.Elapsed, cancellationToken).ConfigureAwait(false);
                }

                if (r.IsSuccess)
                {
                    DateTimeOffset? archivedAt = null;
                    if (r.Body != null)
                    {
                        try
                        {
                            JsonElement data = r.Data();
                            outcome.Name = Json.String(data, _kind.NameField);
                            archivedAt = Json.Date(data, "archived_at");
                        }
                        catch (TallyfyApiException ex)
                        {
                            return Fail(outcome, ex);
                        }
                    }

                    outcome.RemovalStatus = IsOlder(archivedAt, r.Date, clock.Elapsed)
                        ? TallyfyRemovalStatus.AlreadyArchived : TallyfyRemovalStatus.Archived;
                    return outcome;
                }

                if (r.Status == 404)
                {
                    // Missing, or already archived where the service answers re-archiving with 404.
                    try
                    {
                        Probe p = await ProbeAsync(organizationId, id, cancellationToken).ConfigureAwait(false);
                        outcome.Attempts += p.Attempts;
                        if (p.Exists && p.ArchivedAt.HasValue)
                        {
                            outcome.Name = p.Name;
                            outcome.RemovalStatus = TallyfyRemovalStatus.AlreadyArchived;
                            outcome.HttpStatus = 200;
                            return outcome;
                        }
                    }
                    catch (TallyfyApiException)
                    {
                        // Fall through: report the 404 we had.
                    }
                }

                return Fail(outcome, r.ToException());
            }
        }

        private async Task<Outcome> ConfirmArchivedAsync(string organizationId, string id, Outcome outcome, TimeSpan elapsed, CancellationToken cancellationToken)
        {
            Probe p;
            try
            {
                p = await ProbeAsync(organizationId, id, cancellationToken).ConfigureAwait(false);
            }
            catch (TallyfyApiException ex)
            {
                return Fail(outcome, ex);
            }

            outcome.Attempts += p.Attempts;
            outcome.Name = p.Name;
            if (p.Exists && !p.ArchivedAt.HasValue)
            {
                return Fail(outcome, new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                    $"The service answered HTTP 200 with an empty body, and the {_kind.Noun} is still live: it was not archived.", 200));
            }

            outcome.RemovalStatus = IsOlder(p.ArchivedAt, p.ServerDate, elapsed) ? TallyfyRemovalStatus.AlreadyArchived : TallyfyRemovalStatus.Archived;
            return outcome;
        }

        /// <summary>
        /// Permanently deletes a record; archives it first when it is live (Tallyfy deletes only archived records).
        /// </summary>
        /// <param name="knownArchived">What the caller knows: true archived, false live, null unknown.</param>
        public async Task<Outcome> DeleteAsync(string organizationId, string id, bool? knownArchived, CancellationToken cancellationToken)
        {
            var outcome = new Outcome { Action = TallyfyAction.Delete };
            int attempts = 0;
            bool archivedByUs = false;
            if (knownArchived == false)
            {
                Outcome archived = await ArchiveAsync(organizationId, id, existsKnown: true, cancellationToken).ConfigureAwait(false);
                attempts += archived.Attempts;
                if (archived.Error != null)
                {
                    archived.Action = TallyfyAction.Delete;
                    archived.Attempts = attempts;
                    archived.Message = "It could not be archived, which Tallyfy requires before permanent deletion: " + archived.Message;
                    return archived;
                }

                outcome.Name = archived.Name;
                archivedByUs = archived.RemovalStatus == TallyfyRemovalStatus.Archived;
            }

            for (int round = 0; round < 2; round++)
            {
                ApiResponse r;
                bool existsKnown = archivedByUs || knownArchived == true;
                int extra = 0;
                try
                {
                    r = await _client.SendAsync(HttpMethod.Delete, _kind.PathOf(organizationId, id) + "/delete", verifyApplied: async ct =>
                    {
                        Probe p = await ProbeAsync(organizationId, id, ct).ConfigureAwait(false);
                        extra += p.Attempts - 1;
                        if (p.Exists)
                        {
                            return false;
                        }

                        return existsKnown ? true : (bool?)null;
                    }, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (TallyfyApiException ex)
                {
                    outcome.Attempts = attempts + ex.Attempts;
                    return Fail(outcome, ex, archivedByUs);
                }

                using (r)
                {
                    attempts += r.Attempts + extra;
                    outcome.Attempts = attempts;
                    outcome.RequestId = r.RequestId;
                    outcome.HttpStatus = r.AppliedByVerification ? 404 : r.Status;
                    if (r.IsSuccess)
                    {
                        outcome.RemovalStatus = TallyfyRemovalStatus.Deleted;
                        if (r.AppliedByVerification)
                        {
                            outcome.Message = $"The connection failed before the answer came; a read showed the {_kind.Noun} gone.";
                        }

                        return outcome;
                    }

                    bool notArchivedYet = r.Status == 422 || (r.Status == 404 && !archivedByUs);
                    if (round == 0 && notArchivedYet)
                    {
                        // Tallyfy deletes only archived records: archive, then delete.
                        Outcome archived = await ArchiveAsync(organizationId, id, existsKnown: r.Status == 422, cancellationToken).ConfigureAwait(false);
                        attempts += archived.Attempts;
                        outcome.Name ??= archived.Name;
                        if (archived.Error != null)
                        {
                            archived.Action = TallyfyAction.Delete;
                            archived.Attempts = attempts;
                            if (archived.RemovalStatus != TallyfyRemovalStatus.NotFound)
                            {
                                archived.Message = "It could not be archived, which Tallyfy requires before permanent deletion: " + archived.Message;
                            }

                            return archived;
                        }

                        archivedByUs = archived.RemovalStatus == TallyfyRemovalStatus.Archived;
                        continue;
                    }

                    return Fail(outcome, r.ToException(), archivedByUs);
                }
            }

            return outcome;
        }

        /// <summary>Restores (reactivates) an archived record. A live record is reported NotArchived and left alone.</summary>
        /// <param name="before">A read made just before (by the caller, for its prompt), or null to make one.</param>
        public async Task<Outcome> RestoreAsync(string organizationId, string id, Probe? before, CancellationToken cancellationToken)
        {
            var outcome = new Outcome { Action = TallyfyAction.Restore };
            if (before is null)
            {
                try
                {
                    before = await ProbeAsync(organizationId, id, cancellationToken).ConfigureAwait(false);
                }
                catch (TallyfyApiException ex)
                {
                    return Fail(outcome, ex);
                }

                outcome.Attempts = before.Attempts;
            }

            outcome.Name = before.Name;
            if (before.Exists && !before.ArchivedAt.HasValue)
            {
                outcome.RestoreStatus = TallyfyRestoreStatus.NotArchived;
                outcome.HttpStatus = 200;
                outcome.Message = $"The {_kind.Noun} is not archived; nothing to restore.";
                return outcome;
            }

            int extra = 0;
            ApiResponse r;
            try
            {
                r = await _client.SendAsync(HttpMethod.Put, _kind.PathOf(organizationId, id) + "/" + _kind.RestoreVerb, verifyApplied: async ct =>
                {
                    Probe p = await ProbeAsync(organizationId, id, ct).ConfigureAwait(false);
                    extra += p.Attempts - 1;
                    return p.Exists ? !p.ArchivedAt.HasValue : false;
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (TallyfyApiException ex)
            {
                outcome.Attempts += ex.Attempts;
                return Fail(outcome, ex);
            }

            using (r)
            {
                outcome.Attempts += r.Attempts + extra;
                outcome.HttpStatus = r.AppliedByVerification ? 200 : r.Status;
                outcome.RequestId = r.RequestId;
                if (r.IsSuccess)
                {
                    if (r.Body != null)
                    {
                        try
                        {
                            outcome.Name = Json.String(r.Data(), _kind.NameField) ?? outcome.Name;
                        }
                        catch (TallyfyApiException ex)
                        {
                            return Fail(outcome, ex);
                        }
                    }

                    outcome.RestoreStatus = TallyfyRestoreStatus.Restored;
                    return outcome;
                }

                return Fail(outcome, r.ToException());
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
            // serverDate - elapsed; anything archived after that instant is ours.
            return archivedAt.Value < serverDate.Value - elapsedSinceFirstSend - ClockSlack;
        }

        private Outcome Fail(Outcome outcome, TallyfyApiException ex, bool archivedByUs = false)
        {
            outcome.RecordFailure(ex);
            if (archivedByUs)
            {
                outcome.Message = $"The {_kind.Noun} was archived but not permanently deleted: {ex.Message} It stays archived; Restore it or retry the deletion.";
            }

            return outcome;
        }
    }
}
