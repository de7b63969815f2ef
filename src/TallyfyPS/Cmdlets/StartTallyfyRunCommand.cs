using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Journal;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Launches Tallyfy runs from a template: one, or one per row from the pipeline (Import-Csv), in input order,
    /// concurrently. Kick-off values are named by label, alias or id and converted to each field's shape; an unknown
    /// name, an option that does not exist or a missing required field refuses the row before anything is sent.
    /// Writes one TallyfyLaunchResult per row (Launched, Existing with -SkipExisting, Refused, Failed, ...) with who did
    /// it; -PassThru writes the runs instead (the new run, or the live run of that name kept by -SkipExisting).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "TallyfyRun", HelpUri = HelpLinks.Base + "Start-TallyfyRun.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TallyfyLaunchResult), typeof(TallyfyRun))]
    public sealed partial class StartTallyfyRunCommand : SessionCmdlet
    {
        private static readonly BulkAction Launch = new BulkAction(Noun.Run.Input, null, "Launch", "Launching Tallyfy runs", irreversible: false);

        /// <summary>The row columns that name the template.</summary>
        private static readonly string[] TemplateColumns = { "TemplateId", "BlueprintId", "checklist_id" };

        /// <summary>Row columns that are not kick-off fields: the run's name and the template.</summary>
        private static readonly HashSet<string> Reserved = new HashSet<string>(new[] { "Name", "RunName" }.Concat(TemplateColumns), StringComparer.OrdinalIgnoreCase);

        private BulkPipeline<LaunchRow, LaunchOutcome>? _bulk;
        private long? _ownerId;
        private IReadOnlyList<TallyfyTag>? _tags;

        /// <summary>The template to launch from: its id or its exact name; or pipe a template, or give each row a TemplateId column.</summary>
        [Parameter(Position = 0)]
        [Alias("BlueprintId", "checklist_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TemplateIdCompleter))]
        public string? TemplateId { get; set; }

        /// <summary>The new run's name; from the pipeline, a row's Name column.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)] // not Mandatory: a row without it gets LaunchNameMissing
        [Alias("RunName")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 550)]
        [TextArgument]
        public string Name { get; set; } = string.Empty;

        /// <summary>Kick-off values: a hashtable (or any object) whose keys are field labels, aliases or ids. A row's own columns add to them.</summary>
        [Parameter]
        [Alias("KickoffValues", "Prerun")]
        public object? Field { get; set; }

        /// <summary>From the pipeline: a template (from Get-TallyfyTemplate), or a row (Import-Csv) whose Name column names the run and whose other columns are kick-off fields.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The run's owner: a user id, an email or a user object.</summary>
        [Parameter]
        [Alias("OwnerId")]
        public object? Owner { get; set; }

        /// <summary>Tags for the new runs: tag ids, titles, or tag objects.</summary>
        [Parameter]
        public object[]? Tag { get; set; }

        /// <summary>The run's summary.</summary>
        [Parameter]
        [Alias("Description")]
        [TextArgument(MultiLine = true)]
        public string? Summary { get; set; }

        /// <summary>An email that is neither a member's nor a guest's is a new guest: Tallyfy invites it (and e-mails it). Without it such an email is refused (OwnerNotFound).</summary>
        [Parameter]
        public SwitchParameter AllowNewGuest { get; set; }

        /// <summary>Launch nothing for a row whose template already has a live run of that name: its result says Existing, with that run.</summary>
        [Parameter]
        public SwitchParameter SkipExisting { get; set; }

        /// <summary>Write the runs (launched, or kept by -SkipExisting) instead of a result per row.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>How many requests may be in flight at once. Default 16.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

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
            _bulk = new BulkPipeline<LaunchRow, LaunchOutcome>(this, Organization, CurrentSession.User, Launch, new Launching(this), ThrottleLimit, Journal, JournalAction);
            if (TemplateId != null && Ids.Normalize(TemplateId) is null)
            {
                TemplateId = TemplateArguments.ResolveIdOrTitle(this, Api, Organization, TemplateId, "-TemplateId"); // an exact name, read once
            }

            if (Owner != null)
            {
                object? owner = Owner is PSObject ps ? ps.BaseObject : Owner;
                object?[] owners = owner is System.Collections.IEnumerable list && !(owner is string) ? list.Cast<object?>().ToArray() : new[] { owner };
                if (owners.Length != 1)
                {
                    ThrowTerminatingError(Errors.ConflictingParameters($"-Owner takes the run's one owner, and {owners.Length} {Words.Was(owners.Length)} given.",
                        "Pass one user id, email or user object."));
                }

                _ownerId = OwnerArguments.Resolve(this, Ops, Organization, owners, OwnerKinds.Users, "-Owner").UserIds.FirstOrDefault();
            }

            if (Tag != null)
            {
                _tags = ResolveTags(Tag);
            }
        }

        protected override void ProcessRecord() => _bulk!.Take(null);

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Launching one run per row (the item's state: the row, its template and converted values).</summary>
        private sealed partial class Launching : IBulkOperation<LaunchRow, LaunchOutcome>, IDescribesItems<LaunchRow>
        {
            private readonly StartTallyfyRunCommand _cmdlet;
            private readonly AsyncCache<TallyfyTemplate> _templates = new AsyncCache<TallyfyTemplate>();
            private readonly AsyncCache<IReadOnlyList<TallyfyRun>> _liveRuns = new AsyncCache<IReadOnlyList<TallyfyRun>>();
            private readonly ChangeLedger _ledger = new ChangeLedger();
            private readonly Dictionary<string, int> _names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            private int _rows;

            public Launching(StartTallyfyRunCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            private string Organization => _cmdlet.Organization;

            private string Name => _cmdlet.Name;

            private string? TemplateId => _cmdlet.TemplateId;

            private PSObject? InputObject => _cmdlet.InputObject;

            private object? Field => _cmdlet.Field;

            private bool SkipExisting => _cmdlet.SkipExisting;

            private bool PassThru => _cmdlet.PassThru;

            // Every row is read first: its template's fields (once per template and call) check its values before anything is sent.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<LaunchRow> item, bool nameWanted) => requests => ReadAsync(item, Organization, requests);

            private async Task<RecordState> ReadAsync(WorkItem<LaunchRow> item, string organizationId, RequestCounter requests)
            {
                LaunchRow launch = item.State;
                TallyfyOperations api = Ops;
                TallyfyTemplate template = await _templates.GetAsync(launch.TemplateId!,
                    () => api.Api.GetTemplateAsync(organizationId, launch.TemplateId!, TemplateInclude.None, requests)).ConfigureAwait(false);
                launch.Template = template;
                if (template.IsArchived)
                {
                    return new RecordState(KnownState.Live, launch.Name);
                }

                var converter = new FieldValueConverter(template.KickoffFields, "kick-off field");
                OwnerKinds kinds = OwnerArguments.Kinds(OwnerKinds.All, _cmdlet.AllowNewGuest);
                CallContext context = requests.Context;
                launch.Fields = await converter.ConvertAsync(launch.Values, requireAll: true,
                    owners => api.People(organizationId).ResolveAsync(owners, kinds, context)).ConfigureAwait(false);
                if (SkipExisting && launch.Fields.IsValid)
                {
                    IReadOnlyList<TallyfyRun> live = await _liveRuns.GetAsync(template.Id, async () =>
                    {
                        IReadOnlyList<TallyfyRun> runs = await api.LiveRunsOfTemplateAsync(organizationId, template.Id, context).ConfigureAwait(false);
                        foreach (TallyfyRun run in runs)
                        {
                            _ledger.Claim(run.Id); // there before this call: never taken for one of its launches
                        }

                        return runs;
                    }).ConfigureAwait(false);
                    launch.Existing = live.FirstOrDefault(r => string.Equals(r.Name.Trim(), launch.Name.Trim(), StringComparison.OrdinalIgnoreCase));
                }

                return new RecordState(KnownState.Live, launch.Name);
            }

            public Verdict<LaunchOutcome> Decide(WorkItem<LaunchRow> item) =>
                Refuse(item) is ErrorRecord refusal ? Verdict<LaunchOutcome>.Refuse(refusal) : Verdict<LaunchOutcome>.SettleIf(Settle(item));

            private ErrorRecord? Refuse(WorkItem<LaunchRow> item)
            {
                LaunchRow launch = item.State;
                if (launch.Template is TallyfyTemplate template && template.IsArchived)
                {
                    return Errors.TemplateArchived(Describe(launch), template.Id, template.Title, item.Target);
                }

                if (launch.Fields != null && !launch.Fields.IsValid)
                {
                    return Errors.FieldValues(launch.Fields, Describe(launch), $"Get-TallyfyTemplate -Id {launch.TemplateId} | Select-Object -ExpandProperty KickoffFields", item.Target);
                }

                if (SkipExisting)
                {
                    string key = launch.TemplateId + "\n" + launch.Name.Trim();
                    if (_names.TryGetValue(key, out int earlier))
                    {
                        return Errors.RunNameRepeated(Describe(launch), earlier, item.Target);
                    }

                    _names[key] = launch.Row;
                }

                return null;
            }

            // -SkipExisting: a row whose run exists is settled without a prompt or a request.
            private static LaunchOutcome? Settle(WorkItem<LaunchRow> item) => item.State.Existing is TallyfyRun existing
                ? new LaunchOutcome
                {
                    Name = existing.Name,
                    Status = ChangeStatus.Existing,
                    Record = existing,
                    Message = "The template has a live run of this name: nothing was launched (-SkipExisting).",
                }
                : null;

            public async Task<LaunchOutcome> SendAsync(WorkItem<LaunchRow> item, RequestCounter requests)
            {
                LaunchRow launch = item.State;
                var run = new NewRun(launch.TemplateId!, launch.Name.Trim())
                {
                    Summary = _cmdlet.Summary,
                    OwnerId = _cmdlet._ownerId,
                    Tags = _cmdlet._tags?.Select(t => t.Id).ToList(),
                    Prerun = launch.Fields?.Values,
                };
                if (item.WasInterruptedAt(ChangeSteps.Launching) && _cmdlet._bulk!.JournalFile is JournalFile journal)
                {
                    // An earlier call sent this launch and died before its answer was recorded: find its run by name,
                    // never launch it blindly again (Tallyfy has no idempotency key).
                    ClaimJournaled(journal);
                    LaunchOutcome? earlier = await Ops.FindInterruptedLaunchAsync(Organization, run, journal.Header.CreatedAt, _ledger, requests).ConfigureAwait(false);
                    if (earlier != null)
                    {
                        if (earlier.Status == ChangeStatus.Done)
                        {
                            earlier.Message = "Launched by the earlier call this journal records, which was interrupted before it wrote the result: a search by name found the run; nothing was launched again.";
                        }

                        return WithTags(earlier);
                    }
                }

                item.Note(ChangeSteps.Launching);
                return WithTags(await Ops.LaunchRunAsync(Organization, run, _ledger, requests).ConfigureAwait(false));
            }

            /// <summary>Tallyfy's answer to a launch leaves out the tags it applied (-Tag): the run written shows them.</summary>
            private LaunchOutcome WithTags(LaunchOutcome outcome)
            {
                if (outcome.Status == ChangeStatus.Done && outcome.Record is TallyfyRun run && run.Tags.Count == 0 && _cmdlet._tags is IReadOnlyList<TallyfyTag> tags && tags.Count > 0)
                {
                    run.Tags = new TallyfyList<TallyfyTag>(tags);
                    run.TagsKnown = true;
                }

                return outcome;
            }

            public object? Output(WorkItem<LaunchRow> item, LaunchOutcome? outcome)
            {
                if (outcome is null)
                {
                    return RefusedResult(item);
                }

                if (outcome.Status == ChangeStatus.Existing)
                {
                    _cmdlet.WriteVerbose($"{Describe(item.State)}: {outcome.Message}");
                }

                if (PassThru)
                {
                    return outcome.Status == ChangeStatus.Done || outcome.Status == ChangeStatus.Existing ? outcome.Record : null;
                }

                return ToResult(item, outcome);
            }

            /// <summary>One result per row: the run launched or kept, or why there is none.</summary>
            private TallyfyOperationResult ToResult(WorkItem<LaunchRow> item, LaunchOutcome outcome)
            {
                TallyfyLaunchResult result = NewResult(item);
                result.Status = outcome.Status switch
                {
                    ChangeStatus.Done => TallyfyLaunchStatus.Launched,
                    ChangeStatus.Existing => TallyfyLaunchStatus.Existing,
                    ChangeStatus.NotFound => TallyfyLaunchStatus.NotFound,
                    ChangeStatus.Forbidden => TallyfyLaunchStatus.Forbidden,
                    ChangeStatus.Skipped => TallyfyLaunchStatus.Skipped,
                    ChangeStatus.NotAttempted => TallyfyLaunchStatus.NotAttempted,
                    ChangeStatus.Unknown => TallyfyLaunchStatus.Unknown,
                    _ => TallyfyLaunchStatus.Failed,
                };
                if ((outcome.Status == ChangeStatus.Done || outcome.Status == ChangeStatus.Existing) && outcome.Record is TallyfyRun run)
                {
                    result.RunId = run.Id;
                    result.Run = run;
                    result.RunJson = outcome.RecordJson;
                }

                return result;
            }

            /// <summary>A refused row is in the output as well as its error: an exported CSV accounts for every row.</summary>
            private TallyfyOperationResult? RefusedResult(WorkItem<LaunchRow> item)
            {
                TallyfyLaunchResult result = NewResult(item);
                result.Status = TallyfyLaunchStatus.Refused;
                return PassThru ? null : result;
            }

            private TallyfyLaunchResult NewResult(WorkItem<LaunchRow> item)
            {
                LaunchRow launch = item.State;
                return new TallyfyLaunchResult
                {
                    Row = launch.Row,
                    Name = launch.Name,
                    TemplateId = launch.TemplateId ?? (item.Id.Length > 0 ? item.Id : Ids.Normalize(TemplateId) ?? string.Empty),
                };
            }

            public ItemWords Describe(WorkItem<LaunchRow> item)
            {
                LaunchRow launch = item.State;
                string from = launch.Template is TallyfyTemplate t ? $"template '{t.Title}' ({t.Id})" : $"template {launch.TemplateId}";
                return new ItemWords(
                    launch.Piped ? $"run '{launch.Name}' from {from} (row {launch.Row})" : $"run '{launch.Name}' from {from}",
                    Describe(launch),
                    $"Check with Get-TallyfyRun -TemplateId {launch.TemplateId} -Name '{launch.Name.Replace("'", "''")}' before launching it again.");
            }

            private static string Describe(LaunchRow launch) => launch.Subject;

            private static ErrorRecord Disagree(LaunchRow launch, string given, string other, object? target) => launch.Disagree(given, other, target);
        }

        /// <summary>-Tag: ids, titles or tag objects, each resolved against the organization's tag list (TagNotFound, AmbiguousTagTitle).</summary>
        private IReadOnlyList<TallyfyTag> ResolveTags(object[] values) =>
            values.Where(v => v != null).Select(v => TagArguments.Resolve(this, Api, Organization, v, "-Tag"))
                .GroupBy(t => t.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
    }
}
