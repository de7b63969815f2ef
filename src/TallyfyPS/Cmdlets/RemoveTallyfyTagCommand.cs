using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Deletes tags (and so takes them off every run and blueprint). Tallyfy answers the deletion of an id it does
    /// not know with 204, as if it had deleted something, and has no read of one tag: so the organization's tag
    /// list is read once per call, before anything is sent, and a tag it does not hold ends NotFound (TagNotFound)
    /// with no deletion sent. Irreversible: prompts for each tag unless -Force or -Confirm:$false.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyTag", HelpUri = HelpLinks.Base + "Remove-TallyfyTag.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyTagRemovalResult))]
    public sealed class RemoveTallyfyTagCommand : RecordBulkCmdlet<TagRemovalOutcome>
    {
        private const string TitleSet = "Title";
        private static readonly BulkAction Delete = new BulkAction(TagInputKinds.Tag, null, "Delete", "Deleting Tallyfy tags", irreversible: true);
        private readonly ConcurrentDictionary<string, TallyfyTag> _tags = new ConcurrentDictionary<string, TallyfyTag>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Ids of the tags.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("TagId", "tag_id")]
        [AllowEmptyString]
        [AllowNull]
        public string?[]? Id { get; set; }

        /// <summary>Titles of the tags (exact, in any case).</summary>
        [Parameter(Mandatory = true, ParameterSetName = TitleSet)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[]? Title { get; set; }

        internal override BulkAction Action => Delete;

        internal override string?[]? IdArgument => Id;

        internal override int? ArgumentCount => ParameterSetName == TitleSet ? Title?.Length : base.ArgumentCount;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            string org = Organization;
            TallyfyApi api = Api;
            try
            {
                foreach (TallyfyTag tag in Run(context => api.AllTagsAsync(org, context)))
                {
                    _tags[tag.Id] = tag;
                }
            }
            catch (TallyfyApiException ex)
            {
                ThrowTerminatingError(Errors.ListFailed(ex, Noun.Tag));
            }
        }

        internal override IEnumerable<WorkItem> ReadInput(InputReader reader)
        {
            if (ParameterSetName != TitleSet)
            {
                return base.ReadInput(reader);
            }

            return (Title ?? Array.Empty<string>()).Select(title =>
            {
                TallyfyTag? tag = TagArguments.Find(_tags.Values.ToList(), title.Trim(), out IReadOnlyList<TallyfyTag> matches);
                if (tag != null)
                {
                    return new WorkItem(tag.Id, title) { Known = new RecordState(KnownState.Live, tag.Title) };
                }

                return new WorkItem(title, title)
                {
                    Refusal = matches.Count > 1 ? Errors.AmbiguousTagTitle("-Title", title, matches) : Errors.TagNotFound("-Title", title, Organization),
                };
            });
        }

        // Every tag is looked up in the list read at the start (its title names it in prompts and results); no request.
        internal override bool NeedsRead(WorkItem item) => true;

        internal override Task<RecordState> ReadAsync(WorkItem item, string organizationId, RequestCounter requests) =>
            Task.FromResult(_tags.TryGetValue(item.Id, out TallyfyTag? tag)
                ? new RecordState(KnownState.Live, tag.Title)
                : new RecordState(KnownState.Unknown, item.Name));

        // A tag the list does not hold is NotFound without a request: a DELETE would answer 204 all the same.
        internal override TagRemovalOutcome? Settle(WorkItem item)
        {
            bool missing = !_tags.ContainsKey(item.Id);
            if (missing && item.WasInterruptedAt(ChangeSteps.Deleting))
            {
                // The journal's earlier call sent this deletion and died before it wrote the result: that call did it.
                return new TagRemovalOutcome
                {
                    Name = item.Name,
                    Status = TallyfyTagRemovalStatus.Deleted,
                    Message = "Deleted by the earlier call this journal records, which was interrupted before it wrote the result; nothing was sent again.",
                };
            }

            if (missing || !_claimed.Add(item.Id))
            {
                var outcome = new TagRemovalOutcome { Name = item.Name };
                bool twice = !missing;
                outcome.Fail(new TallyfyApiException(TallyfyErrorKind.NotFound, twice
                    ? "The tag was deleted by an earlier input of this command; nothing more was sent."
                    : $"No tag with this id is in the tag list of organization {Organization}. Nothing was sent: Tallyfy answers 204 for an unknown tag as for a real one."), 0);
                return outcome;
            }

            return null;
        }

        internal override Task<TagRemovalOutcome> SendAsync(WorkItem item, RequestCounter requests)
        {
            item.Note(ChangeSteps.Deleting);
            return Ops.DeleteTagAsync(Organization, item.Id, item.Name, requests);
        }

        internal override TallyfyOperationResult ToResult(WorkItem item, TagRemovalOutcome outcome)
        {
            if (outcome.Changed)
            {
                CompletionCache.Forget(CurrentSession, TagCompleter.Key);
            }

            return new TallyfyTagRemovalResult
            {
                TagId = item.Id,
                Title = outcome.Name ?? item.Name,
                Status = outcome.Status,
            };
        }
    }
}
