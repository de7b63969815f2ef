using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// What Add-TallyfyRunTag and Remove-TallyfyRunTag share: the tag (resolved once per call against the tag list, before
    /// any other request), what each run's tags are (the item's state once read; else from the input object where it says:
    /// a run read with -Include Tags, a result of these cmdlets for the same tag), and which runs the call has claimed.
    /// </summary>
    internal sealed class RunTags
    {
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public RunTags(TallyfyTag tag)
        {
            TheTag = tag;
        }

        /// <summary>The tag, resolved.</summary>
        public TallyfyTag TheTag { get; }

        /// <summary>The runs of this call, each with its tags once read (null until then).</summary>
        public static IEnumerable<WorkItem<TallyfyList<TallyfyTag>?>> Items(IEnumerable<WorkItem> input) =>
            input.Select(item => new WorkItem<TallyfyList<TallyfyTag>?>(item, null));

        /// <summary>The run's tags, where known: from its read, or from the input run when it was read with its tags.</summary>
        public TallyfyList<TallyfyTag>? TagsOf(WorkItem<TallyfyList<TallyfyTag>?> item)
        {
            if (item.State is TallyfyList<TallyfyTag> read)
            {
                return read;
            }

            switch (item.Target)
            {
                case TallyfyRun run when run.TagsKnown && string.Equals(run.Id, item.Id, StringComparison.OrdinalIgnoreCase):
                    return run.Tags;
                case TallyfyRunTagResult result when string.Equals(result.TagId, TheTag.Id, StringComparison.OrdinalIgnoreCase) &&
                                                     string.Equals(result.RunId, item.Id, StringComparison.OrdinalIgnoreCase):
                    // A result of this tag says whether the run has it (and by which association): enough to undo it.
                    if ((result.Status == TallyfyRunTagStatus.Tagged || result.Status == TallyfyRunTagStatus.AlreadyTagged) && !string.IsNullOrEmpty(result.AssociationId))
                    {
                        return new TallyfyList<TallyfyTag>(new[] { new TallyfyTag { Id = TheTag.Id, Title = TheTag.Title, AssociationId = result.AssociationId, OrganizationId = result.OrganizationId } });
                    }

                    return result.Status == TallyfyRunTagStatus.Untagged || result.Status == TallyfyRunTagStatus.NotTagged ? TallyfyList<TallyfyTag>.Empty : null;
                default:
                    return null;
            }
        }

        /// <summary>This tag on the run, where the run's tags are known and hold it.</summary>
        public TallyfyTag? OnRun(WorkItem<TallyfyList<TallyfyTag>?> item) => TagsOf(item)?.FirstOrDefault(t => TallyfyOperations.SameTag(t, TheTag));

        /// <summary>
        /// Claims the run for this call (in input order, on the pipeline thread): false when an earlier input of the
        /// call already tags or untags it, so the same run twice sends one change.
        /// </summary>
        public bool Claim(WorkItem item) => _claimed.Add(item.Id);

        /// <summary>The read of the run with its tags (they become the item's state).</summary>
        public static Func<RequestCounter, Task<RecordState>> Read(TallyfyApi api, string organizationId, WorkItem<TallyfyList<TallyfyTag>?> item) => async requests =>
        {
            TallyfyRun run = await api.GetRunAsync(organizationId, item.Id, RunInclude.Tags, requests).ConfigureAwait(false);
            item.State = run.Tags;
            return new RecordState(run.IsArchived ? KnownState.Archived : KnownState.Live, run.Name, run.ArchivedAt?.Value);
        };

        /// <summary>
        /// Archived where the input run or its read says so: Tallyfy tags no archived run (422 "Subject not found"), so
        /// nothing is sent. Null: not known to be archived.
        /// </summary>
        public static RunTagOutcome? ArchivedRun(WorkItem item)
        {
            if (item.Known.State != KnownState.Archived)
            {
                return null;
            }

            var outcome = new RunTagOutcome { Name = item.Name, Status = TallyfyRunTagStatus.Archived };
            outcome.Error = new TallyfyApiException(TallyfyErrorKind.Invalid, "The run is archived, and Tallyfy tags no archived run.");
            outcome.Message = outcome.Error.Message;
            return Told(item, outcome);
        }

        /// <summary>
        /// The outcome, with the item's error where the run is archived (RunArchived), whether that was known beforehand or the
        /// service's 422 was checked; any other failure keeps the pipeline's error.
        /// </summary>
        public static RunTagOutcome Told(WorkItem item, RunTagOutcome outcome)
        {
            if (outcome.Status == TallyfyRunTagStatus.Archived && outcome.Error is TallyfyApiException error)
            {
                item.Error = Errors.RunArchived(Noun.Run.Describe(item.Id, item.Name ?? outcome.Name), item.Id, outcome.HttpStatus != null, item.Target, error);
            }

            return outcome;
        }

        /// <summary>An outcome settled without sending anything.</summary>
        public static RunTagOutcome Unchanged(WorkItem item, TallyfyRunTagStatus status, string message, string? associationId = null) => new RunTagOutcome
        {
            Name = item.Name,
            Status = status,
            Message = message,
            AssociationId = associationId,
        };

        public TallyfyRunTagResult? Result(WorkItem item, RunTagOutcome? outcome)
        {
            if (outcome is null)
            {
                return null;
            }

            return new TallyfyRunTagResult
            {
                RunId = item.Id,
                RunName = outcome.Name ?? item.Name,
                TagId = TheTag.Id,
                TagTitle = TheTag.Title,
                Status = outcome.Status,
                AssociationId = outcome.AssociationId,
            };
        }
    }
}
