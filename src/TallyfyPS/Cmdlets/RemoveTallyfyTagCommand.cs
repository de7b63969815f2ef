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
    public sealed class RemoveTallyfyTagCommand : RecordInputCmdlet
    {
        private const string TitleSet = "Title";
        private static readonly BulkAction Delete = new BulkAction(Noun.Tag.Input, null, "Delete", "Deleting Tallyfy tags", irreversible: true);
        private readonly ConcurrentDictionary<string, TallyfyTag> _tags = new ConcurrentDictionary<string, TallyfyTag>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private BulkPipeline<NoState, TagRemovalOutcome>? _bulk;

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

        /// <summary>
        /// A file that records each item's outcome the moment it is known. Run the same command again with the same
        /// journal (after a crash, a restart, Ctrl+C) and items already settled get their recorded result, with nothing
        /// sent for them.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Journal { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _bulk = new BulkPipeline<NoState, TagRemovalOutcome>(this, Organization, CurrentSession.User, Delete, new Deletion(this), ThrottleLimit, Journal);
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

        protected override void ProcessRecord() => _bulk!.Take(ParameterSetName == TitleSet ? Title?.Length : ArgumentCount(Id));

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Deleting one tag, looked up in the tag list read at the start.</summary>
        private sealed class Deletion : IBulkOperation<NoState, TagRemovalOutcome>
        {
            private readonly RemoveTallyfyTagCommand _cmdlet;

            public Deletion(RemoveTallyfyTagCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            private string Organization => _cmdlet.Organization;

            private ConcurrentDictionary<string, TallyfyTag> Tags => _cmdlet._tags;

            private HashSet<string> Claimed => _cmdlet._claimed;

            public IEnumerable<WorkItem<NoState>> Read(InputReader reader)
            {
                if (_cmdlet.ParameterSetName != TitleSet)
                {
                    return _cmdlet.Input(reader, _cmdlet.Id).Select(item => new WorkItem<NoState>(item, default));
                }

                return (_cmdlet.Title ?? Array.Empty<string>()).Select(title =>
                {
                    TallyfyTag? tag = TagArguments.Find(Tags.Values.ToList(), title.Trim(), out IReadOnlyList<TallyfyTag> matches);
                    if (tag != null)
                    {
                        return new WorkItem<NoState>(tag.Id, title, default) { Known = new RecordState(KnownState.Live, tag.Title) };
                    }

                    return new WorkItem<NoState>(title, title, default)
                    {
                        Refusal = matches.Count > 1 ? Errors.AmbiguousTagTitle("-Title", title, matches) : Errors.TagNotFound("-Title", title, Organization),
                    };
                });
            }

            // Every tag is looked up in the list read at the start (its title names it in prompts and results); no request.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<NoState> item, bool nameWanted) => requests =>
                Task.FromResult(Tags.TryGetValue(item.Id, out TallyfyTag? tag)
                    ? new RecordState(KnownState.Live, tag.Title)
                    : new RecordState(KnownState.Unknown, item.Name));

            // A tag the list does not hold is NotFound without a request: a DELETE would answer 204 all the same.
            public Verdict<TagRemovalOutcome> Decide(WorkItem<NoState> item) => Verdict<TagRemovalOutcome>.SettleIf(Settle(item));

            private TagRemovalOutcome? Settle(WorkItem item)
            {
                bool missing = !Tags.ContainsKey(item.Id);
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

                if (missing || !Claimed.Add(item.Id))
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

            public Task<TagRemovalOutcome> SendAsync(WorkItem<NoState> item, RequestCounter requests)
            {
                item.Note(ChangeSteps.Deleting);
                return Ops.DeleteTagAsync(Organization, item.Id, item.Name, requests);
            }

            public object? Output(WorkItem<NoState> item, TagRemovalOutcome? outcome)
            {
                if (outcome is null)
                {
                    return null;
                }

                if (outcome.Changed)
                {
                    CompletionCache.Forget(_cmdlet.CurrentSession, TagCompleter.Key);
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
}
