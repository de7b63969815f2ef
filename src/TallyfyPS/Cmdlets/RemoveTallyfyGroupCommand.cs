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
    /// Deletes groups for good, by name or id (or piped groups): every task, run and template step assigned to a group
    /// loses it (so later launches do too), which cannot be undone, so the call prompts as high impact. A group the organization does not have is refused
    /// (GroupNotFound) with nothing sent.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyGroup", HelpUri = HelpLinks.Base + "Remove-TallyfyGroup.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = NameSet)]
    [OutputType(typeof(TallyfyGroupChangeResult))]
    public sealed class RemoveTallyfyGroupCommand : SessionCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        private static readonly BulkAction Removing = new BulkAction(Noun.Group.Input, null, "Permanently delete group", "Deleting Tallyfy groups", irreversible: true,
            forbiddenAdvice: "Only administrators can delete groups.");

        private BulkPipeline<GroupTarget, GroupOutcome>? _bulk;

        /// <summary>The groups' names.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(GroupNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>The groups' ids, or groups from Get-TallyfyGroup.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("GroupId")]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

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
            _bulk = new BulkPipeline<GroupTarget, GroupOutcome>(this, Organization, CurrentSession.User, Removing, new Removal(this), ThrottleLimit);
        }

        protected override void ProcessRecord() => _bulk!.Take(MyInvocation.ExpectingInput ? null : (Name ?? Id)?.Length);

        protected override void EndProcessing()
        {
            _bulk!.Finish();
            CompletionCache.Forget(CurrentSession, GroupNameCompleter.Key); // what tab completion offers has changed
        }

        private sealed class Removal : IBulkOperation<GroupTarget, GroupOutcome>, IDescribesItems<GroupTarget>
        {
            private readonly RemoveTallyfyGroupCommand _cmdlet;

            public Removal(RemoveTallyfyGroupCommand cmdlet) => _cmdlet = cmdlet;

            public IEnumerable<WorkItem<GroupTarget>> Read(InputReader input) => GroupChanges.Items(_cmdlet.Name ?? _cmdlet.Id);

            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<GroupTarget> item, bool nameWanted) =>
                GroupChanges.Prepare(_cmdlet.Ops, _cmdlet.Organization, item);

            public Verdict<GroupOutcome> Decide(WorkItem<GroupTarget> item)
            {
                if (item.State.Group is not TallyfyGroup group)
                {
                    return Verdict<GroupOutcome>.Refuse(Errors.GroupNotFoundByName(item.State.Selector, _cmdlet.Organization, item.Target));
                }

                item.State.Changes = GroupChanges.Difference(group.MemberIds, group.Guests, Array.Empty<long>(), Array.Empty<string>());
                return Verdict<GroupOutcome>.Go;
            }

            public async Task<GroupOutcome> SendAsync(WorkItem<GroupTarget> item, RequestCounter requests)
            {
                GroupOutcome outcome = await _cmdlet.Ops.DeleteGroupAsync(_cmdlet.Organization, item.State.Group!, requests).ConfigureAwait(false);
                _cmdlet.Ops.People(_cmdlet.Organization).ForgetGroups();
                return outcome;
            }

            public object? Output(WorkItem<GroupTarget> item, GroupOutcome? outcome) =>
                GroupChanges.Result(item, outcome, "Remove", TallyfyGroupChangeStatus.Removed, TallyfyGroupChangeStatus.Removed);

            public ItemWords Describe(WorkItem<GroupTarget> item) => GroupChanges.Describe(item);
        }
    }
}
