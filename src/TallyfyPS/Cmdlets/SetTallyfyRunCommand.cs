using System;
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
    /// Changes Tallyfy runs: name, summary, owner, star and kick-off values. Tallyfy removes every member and group of
    /// a run that an update leaves out, so each run is read fresh first and its members and groups are sent back with
    /// the change. Writes one TallyfyRunUpdateResult per run (Updated, Refused, NotFound, ...); -PassThru writes each
    /// updated run instead.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TallyfyRun", HelpUri = HelpLinks.Base + "Set-TallyfyRun.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunUpdateResult), typeof(TallyfyRun))]
    public sealed class SetTallyfyRunCommand : RunInputCmdlet
    {
        private static readonly BulkAction Update = new BulkAction(Noun.Run.Input, RecordKind.Run, "Update", "Updating Tallyfy runs", irreversible: false);
        private BulkPipeline<RunEdit?, RunUpdateOutcome>? _bulk;
        private long? _ownerId;

        /// <summary>The new name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 550)]
        [TextArgument]
        public string? Name { get; set; }

        /// <summary>The new summary.</summary>
        [Parameter]
        [Alias("Description")]
        [TextArgument(MultiLine = true)]
        public string? Summary { get; set; }

        /// <summary>The run's new owner: a user id, an email or a user object.</summary>
        [Parameter]
        [Alias("OwnerId")]
        public object? Owner { get; set; }

        /// <summary>Star the run (-Starred:$false removes the star).</summary>
        [Parameter]
        public SwitchParameter Starred { get; set; }

        /// <summary>Kick-off values: a hashtable (or any object) whose keys are field labels, aliases or ids.</summary>
        [Parameter]
        [Alias("KickoffValues", "Prerun")]
        public object? Field { get; set; }

        /// <summary>An email that is neither a member's nor a guest's is a new guest: Tallyfy invites it (and e-mails it). Without it such an email is refused (OwnerNotFound).</summary>
        [Parameter]
        public SwitchParameter AllowNewGuest { get; set; }

        /// <summary>Write each updated run instead of a result per run.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private bool StarredGiven => MyInvocation.BoundParameters.ContainsKey(nameof(Starred));

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _bulk = new BulkPipeline<RunEdit?, RunUpdateOutcome>(this, Organization, CurrentSession.User, Update, new Updating(this), ThrottleLimit);
            if (Name is null && Summary is null && Owner is null && !StarredGiven && Field is null)
            {
                ThrowTerminatingError(Errors.NothingToChange(MyInvocation.MyCommand.Name, "-Name, -Summary, -Owner, -Starred or -Field"));
            }

            if (Owner != null)
            {
                object? owner = Owner is PSObject ps ? ps.BaseObject : Owner;
                object?[] owners = owner is System.Collections.IEnumerable list && !(owner is string) ? list.Cast<object?>().ToArray() : new[] { owner };
                if (owners.Length != 1)
                {
                    ThrowTerminatingError(Errors.ConflictingParameters($"-Owner takes the run's one owner, and {owners.Length} {Words.Was(owners.Length)} given.", "Pass one user id, email or user object."));
                }

                _ownerId = OwnerArguments.Resolve(this, Ops, Organization, owners, OwnerKinds.Users, "-Owner").UserIds.FirstOrDefault();
            }
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount);

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Updating one run: read fresh first (the item's state: that read and its converted values).</summary>
        private sealed class Updating : IBulkOperation<RunEdit?, RunUpdateOutcome>
        {
            private readonly SetTallyfyRunCommand _cmdlet;

            public Updating(SetTallyfyRunCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            private string Organization => _cmdlet.Organization;

            private object? Field => _cmdlet.Field;

            private bool PassThru => _cmdlet.PassThru;

            public IEnumerable<WorkItem<RunEdit?>> Read(InputReader input) => _cmdlet.Input(input).Select(item => new WorkItem<RunEdit?>(item, null));

            // Always read fresh: the run's members and groups go back with the change, or Tallyfy would remove them.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<RunEdit?> item, bool nameWanted) => requests => ReadAsync(item, Organization, requests);

            private async Task<RecordState> ReadAsync(WorkItem<RunEdit?> item, string organizationId, RequestCounter requests)
            {
                TallyfyOperations api = Ops;
                RunSnapshot snapshot = await api.ReadRunForUpdateAsync(organizationId, item.Id, withFields: Field != null, requests).ConfigureAwait(false);
                var edit = new RunEdit(snapshot);
                if (Field != null)
                {
                    CallContext context = requests.Context;
                    edit.Fields = await new FieldValueConverter(snapshot.KickoffFields, "kick-off field")
                        .ConvertAsync(FieldArguments.Pairs(Field), requireAll: false, owners => api.People(organizationId).ResolveAsync(owners, OwnerArguments.Kinds(OwnerKinds.All, _cmdlet.AllowNewGuest), context))
                        .ConfigureAwait(false);
                }

                item.State = edit;
                return new RecordState(snapshot.Run.IsArchived ? KnownState.Archived : KnownState.Live, snapshot.Run.Name, snapshot.Run.ArchivedAt?.Value);
            }

            public Verdict<RunUpdateOutcome> Decide(WorkItem<RunEdit?> item)
            {
                RunEdit edit = item.State!;
                if (edit.Fields != null && !edit.Fields.IsValid)
                {
                    string list = edit.Snapshot.Run.TemplateId is string t
                        ? $"Get-TallyfyTemplate -Id {t} | Select-Object -ExpandProperty KickoffFields"
                        : $"Get-TallyfyRun -Id {item.Id} -Include KickoffFields";
                    return Verdict<RunUpdateOutcome>.Refuse(Errors.FieldValues(edit.Fields, Noun.Run.Describe(item.Id, edit.Snapshot.Run.Name), list, item.Target));
                }

                return Verdict<RunUpdateOutcome>.Go;
            }

            public Task<RunUpdateOutcome> SendAsync(WorkItem<RunEdit?> item, RequestCounter requests)
            {
                RunEdit edit = item.State!;
                var change = new RunChange
                {
                    Name = _cmdlet.Name,
                    Summary = _cmdlet.Summary,
                    OwnerId = _cmdlet._ownerId,
                    Starred = _cmdlet.StarredGiven ? _cmdlet.Starred.IsPresent : (bool?)null,
                    Prerun = edit.Fields?.Values,
                };
                return Ops.UpdateRunAsync(Organization, edit.Snapshot, change, requests);
            }

            public object? Output(WorkItem<RunEdit?> item, RunUpdateOutcome? outcome) =>
                outcome is null ? RefusedResult(item) : PassThru ? (outcome.Status == ChangeStatus.Done ? outcome.Record : null) : ToResult(item, outcome);

            private static TallyfyOperationResult ToResult(WorkItem item, RunUpdateOutcome outcome) => new TallyfyRunUpdateResult
            {
                RunId = outcome.Record?.Id ?? item.Id,
                Name = outcome.Record?.Name ?? outcome.Name ?? item.Name,
                Status = UpdateResults.StatusOf(outcome.Status),
                Run = outcome.Status == ChangeStatus.Done ? outcome.Record : null,
            };

            /// <summary>A refused run is in the output as well as its error: an exported CSV accounts for every run.</summary>
            private TallyfyOperationResult? RefusedResult(WorkItem item) => PassThru ? null : new TallyfyRunUpdateResult
            {
                RunId = item.Id,
                Name = item.Name,
                Status = TallyfyUpdateStatus.Refused,
            };
        }

        /// <summary>A run being changed: the fresh read, and its kick-off values converted.</summary>
        private sealed class RunEdit
        {
            public RunEdit(RunSnapshot snapshot)
            {
                Snapshot = snapshot;
            }

            public RunSnapshot Snapshot { get; }

            public FieldValueSet? Fields { get; set; }
        }
    }
}
