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
    /// Puts a tag on runs. A run that has the tag already ends AlreadyTagged and nothing is sent for it (its tags
    /// come from the piped run when it was read with -Include Tags, else from one read; either shape of Tallyfy's tag
    /// entries). A run known to be archived ends Archived (RunArchived) with nothing sent. One result per run, in input order.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "TallyfyRunTag", HelpUri = HelpLinks.Base + "Add-TallyfyRunTag.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunTagResult))]
    public sealed class AddTallyfyRunTagCommand : RunTagInputCmdlet
    {
        private static readonly BulkAction Tagging = new BulkAction(Noun.RunToTag, null, "Tag", "Tagging Tallyfy runs", irreversible: false);

        private BulkPipeline<TallyfyList<TallyfyTag>?, RunTagOutcome>? _bulk;
        private RunTags? _tags;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // A journal of one tag: the same file with another tag is refused (JournalMismatch), not replayed.
            _bulk = new BulkPipeline<TallyfyList<TallyfyTag>?, RunTagOutcome>(this, Organization, CurrentSession.User, Tagging, new Adding(this), ThrottleLimit, Journal,
                () => $"{Tagging.Verb} {_tags!.TheTag.Id}");
            _tags = new RunTags(TagArguments.Resolve(this, Api, Organization, Tag!, "-Tag"));
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Tagging one run (the item's state: its tags, once read).</summary>
        private sealed class Adding : IBulkOperation<TallyfyList<TallyfyTag>?, RunTagOutcome>
        {
            private readonly AddTallyfyRunTagCommand _cmdlet;

            public Adding(AddTallyfyRunTagCommand cmdlet) => _cmdlet = cmdlet;

            private RunTags Tags => _cmdlet._tags!;

            private TallyfyTag TheTag => Tags.TheTag;

            public IEnumerable<WorkItem<TallyfyList<TallyfyTag>?>> Read(InputReader input) => RunTags.Items(_cmdlet.Input(input));

            // The run's tags are read unless the input says them.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<TallyfyList<TallyfyTag>?> item, bool nameWanted) =>
                Tags.TagsOf(item) is null || nameWanted ? RunTags.Read(_cmdlet.Api, _cmdlet.Organization, item) : null;

            public Verdict<RunTagOutcome> Decide(WorkItem<TallyfyList<TallyfyTag>?> item)
            {
                if (Tags.OnRun(item) is TallyfyTag has)
                {
                    // Archived or not, the run has the tag: what was asked for holds.
                    return Verdict<RunTagOutcome>.Settle(RunTags.Unchanged(item, TallyfyRunTagStatus.AlreadyTagged, $"The run has the tag '{TheTag.Title}' already; nothing was sent.", has.AssociationId));
                }

                if (RunTags.ArchivedRun(item) is RunTagOutcome archived)
                {
                    return Verdict<RunTagOutcome>.Settle(archived); // Tallyfy tags no archived run: RunArchived, nothing sent
                }

                return Tags.Claim(item) ? Verdict<RunTagOutcome>.Go
                    : Verdict<RunTagOutcome>.Settle(RunTags.Unchanged(item, TallyfyRunTagStatus.AlreadyTagged, $"An earlier input of this command tags this run with '{TheTag.Title}'; nothing more was sent."));
            }

            public async Task<RunTagOutcome> SendAsync(WorkItem<TallyfyList<TallyfyTag>?> item, RequestCounter requests)
            {
                RunTagOutcome outcome = await _cmdlet.Ops.TagRunAsync(_cmdlet.Organization, item.Id, TheTag, requests).ConfigureAwait(false);
                outcome.Name ??= item.Name;
                return RunTags.Told(item, outcome);
            }

            public object? Output(WorkItem<TallyfyList<TallyfyTag>?> item, RunTagOutcome? outcome) => Tags.Result(item, outcome);
        }
    }
}
