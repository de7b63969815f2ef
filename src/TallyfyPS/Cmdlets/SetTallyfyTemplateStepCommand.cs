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
    /// Adds people to and removes them from template steps (members by email or id, guests by email, groups by name or
    /// id). Each step is read fresh; its assignees, guests and groups are merged from that read and all three are sent
    /// back with its title, because Tallyfy detaches everyone in a bucket an update leaves out and requires the title.
    /// An email that is no one's is refused (it would become a new guest). A step with nothing to change ends
    /// AlreadyAssigned or NotAssigned and nothing is sent for it. One result per step, in input order.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TallyfyTemplateStep", HelpUri = HelpLinks.Base + "Set-TallyfyTemplateStep.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = IdSet)]
    [OutputType(typeof(TallyfyStepUpdateResult))]
    public sealed class SetTallyfyTemplateStepCommand : SessionCmdlet
    {
        private const string IdSet = "Id";
        private const string ObjectSet = "InputObject";
        private static readonly BulkAction Assign = new BulkAction(Noun.Step.Input, null, "Change the assignees of", "Changing Tallyfy template steps", irreversible: false);

        private BulkPipeline<StepEdit, StepUpdateOutcome>? _bulk;
        private ResolvedOwners? _add;
        private ResolvedOwners? _remove;
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The template the steps belong to (piped steps carry their own).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Parameter(ParameterSetName = ObjectSet)]
        [Alias("BlueprintId", "checklist_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TemplateIdCompleter))]
        public string? TemplateId { get; set; }

        /// <summary>The steps' ids (Get-TallyfyTemplate -Include Steps lists them).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet)]
        [Alias("Id", "step_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(StepIdCompleter))]
        public string?[]? StepId { get; set; }

        /// <summary>Steps from the pipeline: (Get-TallyfyTemplate -Include Steps).Steps, results of this command, or rows with a StepId and TemplateId.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>People to assign: members by email, user id or object, guests by email, groups by name, id or object.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AssigneeCompleter))]
        public object[]? AddAssignee { get; set; }

        /// <summary>People to take off the steps, named the same way.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AssigneeCompleter))]
        public object[]? RemoveAssignee { get; set; }

        /// <summary>Do not prompt. -WhatIf still wins.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many requests may be in flight at once. Default 16.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _bulk = new BulkPipeline<StepEdit, StepUpdateOutcome>(this, Organization, CurrentSession.User, Assign, new Assigning(this), ThrottleLimit);
            if (AddAssignee is null && RemoveAssignee is null)
            {
                ThrowTerminatingError(Errors.NothingToChange(MyInvocation.MyCommand.Name, "-AddAssignee or -RemoveAssignee"));
            }

            // Never a new guest: an email that is nobody's is refused here (Tallyfy would invite it silently).
            _add = AddAssignee is null ? null : OwnerArguments.Resolve(this, Ops, Organization, AddAssignee, OwnerKinds.All, "-AddAssignee", newGuestAdvice: false);
            _remove = RemoveAssignee is null ? null : OwnerArguments.Resolve(this, Ops, Organization, RemoveAssignee, OwnerKinds.All, "-RemoveAssignee", newGuestAdvice: false);
        }

        protected override void ProcessRecord() => _bulk!.Take(ParameterSetName == ObjectSet ? InputObject?.Length : StepId?.Length);

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>The template of a step given: the step's own, a row's TemplateId, else -TemplateId.</summary>
        private string? TemplateOf(WorkItem item)
        {
            string? own = item.Target switch
            {
                TallyfyStep step => step.TemplateId,
                TallyfyStepUpdateResult result => result.TemplateId,
                PSObject row => (row.Properties["TemplateId"]?.Value ?? row.Properties["checklist_id"]?.Value)?.ToString(),
                _ => null,
            };
            return Ids.Normalize(string.IsNullOrWhiteSpace(own) ? TemplateId : own);
        }

        /// <summary>Changing one step's assignees (the item's state: its template, and the step as read fresh).</summary>
        private sealed class Assigning : IBulkOperation<StepEdit, StepUpdateOutcome>
        {
            private readonly SetTallyfyTemplateStepCommand _cmdlet;

            public Assigning(SetTallyfyTemplateStepCommand cmdlet) => _cmdlet = cmdlet;

            public IEnumerable<WorkItem<StepEdit>> Read(InputReader input)
            {
                var items = _cmdlet.ParameterSetName == ObjectSet ? input.FromObjects(_cmdlet.InputObject) : input.FromIds(_cmdlet.StepId);
                foreach (WorkItem item in items)
                {
                    string? template = _cmdlet.TemplateOf(item);
                    if (template is null && item.Refusal is null)
                    {
                        item.Refusal = Errors.New(ErrorIds.InvalidBlueprintId, ErrorCategory.InvalidArgument, item.Target,
                            $"Step {item.Id} names no template. Nothing was sent for it.",
                            "Pass -TemplateId, or pipe the steps of Get-TallyfyTemplate -Include Steps (each knows its template).");
                    }

                    yield return new WorkItem<StepEdit>(item, new StepEdit(template ?? string.Empty));
                }
            }

            // Always read fresh: the three buckets are merged from it, and its title is sent back.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<StepEdit> item, bool nameWanted) => async requests =>
            {
                TallyfyStep step = await _cmdlet.Api.GetStepAsync(_cmdlet.Organization, item.State.TemplateId, item.Id, requests).ConfigureAwait(false);
                item.State.Current = step;
                item.State.Merged = OwnerMerge.Apply(step.Assignees, _cmdlet._add, _cmdlet._remove);
                await _cmdlet.Ops.NameOwnersAsync(_cmdlet.Organization, new[] { step.Assignees }, requests.Context).ConfigureAwait(false);
                return new RecordState(KnownState.Live, step.Title);
            };

            public Verdict<StepUpdateOutcome> Decide(WorkItem<StepEdit> item)
            {
                TallyfyStep step = item.State.Current!;
                ResolvedOwners merged = item.State.Merged!;
                bool adding = _cmdlet._add != null && !_cmdlet._add.IsEmpty;
                if (Same(step.Assignees, merged))
                {
                    return Verdict<StepUpdateOutcome>.Settle(Unchanged(step, adding ? "Everyone to add is assigned to the step already" : "No one to remove is assigned to the step", adding));
                }

                if (!_cmdlet._claimed.Add(item.State.TemplateId + "/" + item.Id))
                {
                    return Verdict<StepUpdateOutcome>.Settle(Unchanged(step, "An earlier input of this command changes this step", adding));
                }

                return Verdict<StepUpdateOutcome>.Go;
            }

            public async Task<StepUpdateOutcome> SendAsync(WorkItem<StepEdit> item, RequestCounter requests)
            {
                StepUpdateOutcome outcome = await _cmdlet.Ops.UpdateStepAssigneesAsync(_cmdlet.Organization, item.State.TemplateId, item.State.Current!, item.State.Merged!, requests).ConfigureAwait(false);
                if (outcome.Record != null)
                {
                    await _cmdlet.Ops.NameOwnersAsync(_cmdlet.Organization, new[] { outcome.Record.Assignees }, requests.Context).ConfigureAwait(false);
                }

                return outcome;
            }

            public object? Output(WorkItem<StepEdit> item, StepUpdateOutcome? outcome)
            {
                TallyfyStep? step = outcome?.Record ?? item.State.Current;
                var result = new TallyfyStepUpdateResult
                {
                    TemplateId = item.State.TemplateId,
                    StepId = item.Id,
                    Title = step?.Title ?? item.Name,
                    Status = outcome is null ? TallyfyStepUpdateStatus.Refused : StatusOf(outcome),
                    Assignees = outcome is null || outcome.Status == ChangeStatus.Done || outcome.Status == ChangeStatus.Existing ? step?.Assignees : null,
                    Step = outcome?.Status == ChangeStatus.Done ? outcome.Record : null,
                };
                return result;
            }

            private static TallyfyStepUpdateStatus StatusOf(StepUpdateOutcome outcome) => outcome.Status switch
            {
                ChangeStatus.Existing => outcome.AlreadyAssigned ? TallyfyStepUpdateStatus.AlreadyAssigned : TallyfyStepUpdateStatus.NotAssigned,
                _ => (TallyfyStepUpdateStatus)Enum.Parse(typeof(TallyfyStepUpdateStatus), UpdateResults.StatusOf(outcome.Status).ToString()),
            };

            private static StepUpdateOutcome Unchanged(TallyfyStep step, string message, bool adding) => new StepUpdateOutcome
            {
                Name = step.Title,
                Status = ChangeStatus.Existing,
                AlreadyAssigned = adding,
                Record = step,
                Message = message + "; nothing was sent.",
            };

            private static bool Same(TallyfyTaskOwners current, ResolvedOwners merged) =>
                new HashSet<long>(current.Users).SetEquals(merged.Users) &&
                new HashSet<string>(current.Guests, StringComparer.OrdinalIgnoreCase).SetEquals(merged.Guests) &&
                new HashSet<string>(current.Groups, StringComparer.OrdinalIgnoreCase).SetEquals(merged.Groups);
        }

        /// <summary>A step being changed: its template, the fresh read, and its assignees after the change.</summary>
        private sealed class StepEdit
        {
            public StepEdit(string templateId)
            {
                TemplateId = templateId;
            }

            public string TemplateId { get; }

            public TallyfyStep? Current { get; set; }

            public ResolvedOwners? Merged { get; set; }
        }
    }
}
