using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using static TallyfyPS.Client.TallyfyApi;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Tags: the organization's list, creating and deleting them, and tagging runs through associations.
    /// Tallyfy answers the deletion of an unknown tag with 204 like a real one, and has no read of one tag, so
    /// whether a tag exists is always settled by the tag list before anything is deleted.
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <summary>
        /// Creates a tag. The caller has checked that no tag has the title. If the answer is lost, the tag list
        /// says whether it was made, so a tag is never made twice.
        /// </summary>
        /// <param name="color">#rrggbb, or null for the service's default.</param>
        public async Task<TallyfyTag> CreateTagAsync(string organizationId, string title, string? color, RequestCounter counter)
        {
            var body = new Dictionary<string, object?> { ["title"] = title };
            if (color != null)
            {
                body["color"] = color.ToLowerInvariant();
            }

            TallyfyTag? made = null;
            using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Post, Paths.Tags(organizationId))
            {
                JsonBody = body,
                VerifyApplied = async c =>
                {
                    made = await FindTagAsync(organizationId, title, c).ConfigureAwait(false);
                    return Verification.Of(made != null);
                },
            }, counter).ConfigureAwait(false);
            if (r.AppliedByVerification && made != null)
            {
                return made;
            }

            r.EnsureSuccess();
            return Mapper.Tag(r.Data(), organizationId);
        }

        /// <summary>
        /// Deletes a tag the tag list has shown to exist (Tallyfy answers 204 for an unknown id too, so the caller
        /// checks first). A deletion whose answer was lost is settled by the list: gone means deleted.
        /// </summary>
        public async Task<TagRemovalOutcome> DeleteTagAsync(string organizationId, string id, string? title, RequestCounter counter)
        {
            var outcome = new TagRemovalOutcome { Name = title };
            try
            {
                using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Delete, Paths.Tag(organizationId, id))
                {
                    VerifyApplied = async c => Verification.Of(!await TagExistsAsync(organizationId, id, title, c).ConfigureAwait(false)),
                }, counter).ConfigureAwait(false);
                outcome.RequestId = r.RequestId;
                outcome.HttpStatus = r.AppliedByVerification ? 200 : r.Status;
                if (r.IsSuccess)
                {
                    outcome.Status = TallyfyTagRemovalStatus.Deleted;
                    if (r.AppliedByVerification)
                    {
                        outcome.Message = "The connection failed before the answer came; the tag list showed the tag gone.";
                    }

                    return outcome;
                }

                outcome.Fail(r.ToException(), counter.Sent);
                return outcome;
            }
            catch (TallyfyApiException ex)
            {
                outcome.Fail(ex, counter.Sent);
                return outcome;
            }
        }

        /// <summary>Puts a tag on a run (a new association). A tagging whose answer was lost is settled by reading the run's tags.</summary>
        public async Task<RunTagOutcome> TagRunAsync(string organizationId, string runId, TallyfyTag tag, RequestCounter counter)
        {
            var outcome = new RunTagOutcome();
            try
            {
                TallyfyTag? seen = null;
                var body = new Dictionary<string, object?> { ["subject_id"] = runId, ["subject_type"] = "Run", ["tag_id"] = tag.Id };
                using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Post, Paths.TagAssociations(organizationId))
                {
                    JsonBody = body,
                    VerifyApplied = async c =>
                    {
                        TallyfyRun run = await Api.GetRunAsync(organizationId, runId, RunInclude.Tags, c).ConfigureAwait(false);
                        seen = run.Tags.FirstOrDefault(t => SameTag(t, tag));
                        return Verification.Of(seen != null);
                    },
                }, counter).ConfigureAwait(false);
                outcome.RequestId = r.RequestId;
                if (r.AppliedByVerification)
                {
                    outcome.HttpStatus = 200;
                    outcome.Status = TallyfyRunTagStatus.Tagged;
                    outcome.AssociationId = seen?.AssociationId;
                    outcome.Message = "The connection failed before the answer came; a read showed the run tagged.";
                    return outcome;
                }

                outcome.HttpStatus = r.Status;
                if (!r.IsSuccess)
                {
                    outcome.Fail(r.ToException(), counter.Sent);
                    if (r.Status == 422)
                    {
                        await SubjectNotFoundAsync(organizationId, runId, outcome, counter).ConfigureAwait(false);
                    }

                    return outcome;
                }

                outcome.Status = TallyfyRunTagStatus.Tagged;
                outcome.AssociationId = r.Body is null ? null : Mapper.AssociationId(r.Data());
                return outcome;
            }
            catch (TallyfyApiException ex)
            {
                outcome.Fail(ex, counter.Sent);
                return outcome;
            }
        }

        /// <summary>
        /// Tallyfy answers 422 "Subject not found" for an unknown run and for an archived one alike: a read of the run
        /// tells them apart (gone: NotFound; archived: Archived). Where the read cannot say, the 422 stands.
        /// </summary>
        private async Task SubjectNotFoundAsync(string organizationId, string runId, RunTagOutcome outcome, RequestCounter counter)
        {
            try
            {
                TallyfyRun run = await Api.GetRunAsync(organizationId, runId, RunInclude.None, counter).ConfigureAwait(false);
                if (run.IsArchived)
                {
                    outcome.Status = TallyfyRunTagStatus.Archived;
                    outcome.Name ??= run.Name;
                }
            }
            catch (TallyfyApiException ex) when (ex.Kind == TallyfyErrorKind.NotFound)
            {
                outcome.Fail(ex, counter.Sent);
            }
            catch (TallyfyApiException)
            {
                // The read failed otherwise: the tagging's own answer is what is reported.
            }
        }

        /// <summary>
        /// Takes a tag off a run by deleting its association. A 404 means the association is gone already: a read
        /// of the run then says whether the run is untagged (NotTagged) or gone (NotFound). Where the association's id
        /// is unknown (a run read whose tags are the tags themselves), the tagging answer gives it: Tallyfy answers a
        /// tagging of a run that has the tag with the association that exists (and logs it once more).
        /// </summary>
        public async Task<RunTagOutcome> UntagRunAsync(string organizationId, string runId, TallyfyTag tag, string? associationId, RequestCounter counter)
        {
            var outcome = new RunTagOutcome { AssociationId = associationId };
            try
            {
                if (string.IsNullOrEmpty(associationId))
                {
                    using ApiResponse tagged = await Http.SendAsync(new ApiRequest(HttpMethod.Post, Paths.TagAssociations(organizationId))
                    {
                        JsonBody = new Dictionary<string, object?> { ["subject_id"] = runId, ["subject_type"] = "Run", ["tag_id"] = tag.Id },
                        Repeatable = true, // tagging a run that has the tag changes nothing
                    }, counter).ConfigureAwait(false);
                    outcome.RequestId = tagged.RequestId;
                    outcome.HttpStatus = tagged.Status;
                    if (!tagged.IsSuccess || tagged.Body is null)
                    {
                        outcome.Fail(tagged.IsSuccess ? new TallyfyApiException(TallyfyErrorKind.InvalidResponse, "The tagging answer has no body.", tagged.Status) : tagged.ToException(), counter.Sent);
                        if (tagged.Status == 422)
                        {
                            await SubjectNotFoundAsync(organizationId, runId, outcome, counter).ConfigureAwait(false);
                        }

                        return outcome;
                    }

                    associationId = Mapper.AssociationId(tagged.Data());
                    outcome.AssociationId = associationId;
                }

                using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Delete, Paths.TagAssociation(organizationId, associationId!))
                {
                    VerifyApplied = async c =>
                    {
                        TallyfyRun run = await Api.GetRunAsync(organizationId, runId, RunInclude.Tags, c).ConfigureAwait(false);
                        return Verification.Of(!run.Tags.Any(t => SameTag(t, tag)));
                    },
                }, counter).ConfigureAwait(false);
                outcome.RequestId = r.RequestId;
                outcome.HttpStatus = r.AppliedByVerification ? 200 : r.Status;
                if (r.IsSuccess)
                {
                    outcome.Status = TallyfyRunTagStatus.Untagged;
                    if (r.AppliedByVerification)
                    {
                        outcome.Message = "The connection failed before the answer came; a read showed the tag off the run.";
                    }

                    return outcome;
                }

                if (r.Status == 404)
                {
                    TallyfyRun run = await Api.GetRunAsync(organizationId, runId, RunInclude.Tags, counter).ConfigureAwait(false);
                    if (!run.Tags.Any(t => SameTag(t, tag)))
                    {
                        outcome.Status = TallyfyRunTagStatus.NotTagged;
                        outcome.Message = "The tag had already been taken off the run (the association was gone).";
                        return outcome;
                    }
                }

                outcome.Fail(r.ToException(), counter.Sent);
                return outcome;
            }
            catch (TallyfyApiException ex)
            {
                outcome.Fail(ex, counter.Sent);
                return outcome;
            }
        }

        /// <summary>Whether two tags are the same tag (by id; by title where a relation gave no id).</summary>
        public static bool SameTag(TallyfyTag a, TallyfyTag b) =>
            a.Id.Length > 0 && b.Id.Length > 0
                ? string.Equals(a.Id, b.Id, StringComparison.OrdinalIgnoreCase)
                : string.Equals(a.Title, b.Title, StringComparison.OrdinalIgnoreCase);

        private async Task<TallyfyTag?> FindTagAsync(string organizationId, string title, RequestCounter counter)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Tags(organizationId)) { Query = new[] { new KeyValuePair<string, string>("q", title) } };
            (bool found, TallyfyTag match) = await Http.FindInPagesAsync(request, e => Mapper.Tag(e, organizationId),
                t => string.Equals(t.Title, title, StringComparison.OrdinalIgnoreCase), counter).ConfigureAwait(false);
            return found ? match : null;
        }

        private async Task<bool> TagExistsAsync(string organizationId, string id, string? title, RequestCounter counter)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Tags(organizationId))
            {
                Query = string.IsNullOrEmpty(title) ? null : new[] { new KeyValuePair<string, string>("q", title!) },
            };
            return (await Http.FindInPagesAsync(request, e => Mapper.Tag(e, organizationId),
                t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase), counter).ConfigureAwait(false)).Found;
        }
    }
}
