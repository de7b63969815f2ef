using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Takes a tag off runs. A run without the tag ends NotTagged and nothing is sent for it. The tag itself stays
    /// (Remove-TallyfyTag deletes it). One result per run, in input order; piping the results of Add-TallyfyRunTag undoes it.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyRunTag", HelpUri = HelpLinks.Base + "Remove-TallyfyRunTag.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunTagResult))]
    public sealed class RemoveTallyfyRunTagCommand : RunTagInputCmdlet
    {
        private static readonly BulkAction Untagging = new BulkAction(Noun.RunToTag, null, "Untag", "Untagging Tallyfy runs", irreversible: false);

        private BulkPipeline<TallyfyList<TallyfyTag>?, RunTagOutcome>? _bulk;
        private RunTags? _tags;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // A journal of one tag: the same file with another tag is refused (JournalMismatch), not replayed.
            _bulk = new BulkPipeline<TallyfyList<TallyfyTag>?, RunTagOutcome>(this, Organization, CurrentSession.User, Untagging, new Removing(this), ThrottleLimit, Journal,
                () => $"{Untagging.Verb} {_tags!.TheTag.Id}");
            _tags = new RunTags(TagArguments.Resolve(this, Api, Organization, Tag!, "-Tag"));
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Untagging one run (the item's state: its tags, once read).</summary>
        private sealed class Removing : IBulkOperation<TallyfyList<TallyfyTag>?, RunTagOutcome>
        {
            private readonly RemoveTallyfyRunTagCommand _cmdlet;

            public Removing(RemoveTallyfyRunTagCommand cmdlet) => _cmdlet = cmdlet;

            private RunTags Tags => _cmdlet._tags!;

            private TallyfyTag TheTag => Tags.TheTag;

            public IEnumerable<WorkItem<TallyfyList<TallyfyTag>?>> Read(InputReader input) => RunTags.Items(_cmdlet.Input(input));

            // Untagging deletes the association, whose id only the run's tags tell: read them unless the input holds it.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<TallyfyList<TallyfyTag>?> item, bool nameWanted) =>
                Tags.TagsOf(item) is null || (Tags.OnRun(item) is TallyfyTag t && string.IsNullOrEmpty(t.AssociationId)) || nameWanted
                    ? RunTags.Read(_cmdlet.Api, _cmdlet.Organization, item)
                    : null;

            public Verdict<RunTagOutcome> Decide(WorkItem<TallyfyList<TallyfyTag>?> item)
            {
                if (Tags.OnRun(item) is null)
                {
                    return Verdict<RunTagOutcome>.Settle(RunTags.Unchanged(item, TallyfyRunTagStatus.NotTagged, $"The run does not have the tag '{TheTag.Title}'; nothing was sent."));
                }

                return Tags.Claim(item) ? Verdict<RunTagOutcome>.Go
                    : Verdict<RunTagOutcome>.Settle(RunTags.Unchanged(item, TallyfyRunTagStatus.NotTagged, $"An earlier input of this command untags this run; nothing more was sent."));
            }

            public async Task<RunTagOutcome> SendAsync(WorkItem<TallyfyList<TallyfyTag>?> item, RequestCounter requests)
            {
                TallyfyTag on = Tags.OnRun(item)!;
                // Without the association's id (tag entries that are the tags themselves), Operations learns it from the tagging answer.
                RunTagOutcome outcome = await _cmdlet.Ops.UntagRunAsync(_cmdlet.Organization, item.Id, on, on.AssociationId, requests).ConfigureAwait(false);
                outcome.Name ??= item.Name;
                return RunTags.Told(item, outcome);
            }

            public object? Output(WorkItem<TallyfyList<TallyfyTag>?> item, RunTagOutcome? outcome) => Tags.Result(item, outcome);
        }
    }
}
