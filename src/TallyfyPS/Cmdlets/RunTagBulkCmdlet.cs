using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// What Add-TallyfyRunTag and Remove-TallyfyRunTag share: -RunId or runs from the pipeline, -Tag by id, title
    /// or object (resolved once per call against the tag list, before any other request), and what each run's tags
    /// are: from the input object where it says (a run read with -Include Tags, a result of these cmdlets for the same
    /// tag), else from one read.
    /// </summary>
    public abstract class RunTagBulkCmdlet : RecordBulkCmdlet<RunTagOutcome>
    {
        // Each read run's tags, for as long as its work item lives (a stopped or -WhatIf call keeps nothing).
        private readonly ConditionalWeakTable<WorkItem, TallyfyList<TallyfyTag>> _read = new ConditionalWeakTable<WorkItem, TallyfyList<TallyfyTag>>();
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private TallyfyTag? _tag;

        /// <summary>Ids of the runs.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("Id", "run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string?[]? RunId { get; set; }

        /// <summary>The tag: its id, its title (any case), or a tag from Get-TallyfyTag.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(TagCompleter))]
        public object? Tag { get; set; }

        internal override string?[]? IdArgument => RunId;

        /// <summary>The tag, resolved.</summary>
        internal TallyfyTag TheTag => _tag!;

        /// <summary>A journal of one tag: the same file with another tag is refused (JournalMismatch), not replayed.</summary>
        internal override string JournalAction => $"{Action.Verb} {TheTag.Id}";

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _tag = TagArguments.Resolve(this, Api, Organization, Tag!, "-Tag");
        }

        /// <summary>The run's tags, where known: from its read, or from the input run when it was read with its tags.</summary>
        internal TallyfyList<TallyfyTag>? TagsOf(WorkItem item)
        {
            if (_read.TryGetValue(item, out TallyfyList<TallyfyTag>? read))
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
        internal TallyfyTag? OnRun(WorkItem item) => TagsOf(item)?.FirstOrDefault(t => TallyfyOperations.SameTag(t, TheTag));

        /// <summary>
        /// Claims the run for this call (in input order, on the pipeline thread): false when an earlier input of the
        /// call already tags or untags it, so the same run twice sends one change.
        /// </summary>
        internal bool Claim(WorkItem item) => _claimed.Add(item.Id);

        internal override bool NeedsRead(WorkItem item) => TagsOf(item) is null;

        internal override async Task<RecordState> ReadAsync(WorkItem item, string organizationId, RequestCounter requests)
        {
            TallyfyRun run = await Api.GetRunAsync(organizationId, item.Id, RunInclude.Tags, requests).ConfigureAwait(false);
            _read.Remove(item);
            _read.Add(item, run.Tags);
            return new RecordState(run.IsArchived ? KnownState.Archived : KnownState.Live, run.Name, run.ArchivedAt?.Value);
        }

        /// <summary>
        /// Archived where the input run or its read says so: Tallyfy tags no archived run (422 "Subject not found"), so
        /// nothing is sent. Null: not known to be archived.
        /// </summary>
        internal static RunTagOutcome? ArchivedRun(WorkItem item)
        {
            if (item.Known.State != KnownState.Archived)
            {
                return null;
            }

            var outcome = new RunTagOutcome { Name = item.Name, Status = TallyfyRunTagStatus.Archived };
            outcome.Error = new TallyfyApiException(TallyfyErrorKind.Invalid, "The run is archived, and Tallyfy tags no archived run.");
            outcome.Message = outcome.Error.Message;
            return outcome;
        }

        /// <summary>An archived run is RunArchived, whether it was known beforehand or the service's 422 was checked.</summary>
        internal override ErrorRecord? ErrorFor(WorkItem item, RunTagOutcome outcome, TallyfyApiException error) =>
            outcome.Status == TallyfyRunTagStatus.Archived ? Errors.RunArchived(Subject(item, item.Name ?? outcome.Name), item.Id, outcome.HttpStatus != null, item.Target, error) : null;

        /// <summary>An outcome settled without sending anything.</summary>
        internal static RunTagOutcome Unchanged(WorkItem item, TallyfyRunTagStatus status, string message, string? associationId = null) => new RunTagOutcome
        {
            Name = item.Name,
            Status = status,
            Message = message,
            AssociationId = associationId,
        };

        internal override TallyfyOperationResult ToResult(WorkItem item, RunTagOutcome outcome)
        {
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
