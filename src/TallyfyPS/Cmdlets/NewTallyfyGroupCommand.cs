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
    /// Creates groups, one per call or per row. A name the organization's groups have already (in any case) is refused
    /// (GroupAlreadyExists), and so is a member or guest that is no one the organization has (OwnerNotFound): nothing is
    /// sent for the row.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "TallyfyGroup", HelpUri = HelpLinks.Base + "New-TallyfyGroup.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TallyfyGroupChangeResult))]
    public sealed class NewTallyfyGroupCommand : SessionCmdlet
    {
        private static readonly BulkAction Creating = new BulkAction(Noun.Group.Input, null, "Create group", "Creating Tallyfy groups", irreversible: false,
            forbiddenAdvice: "Only administrators can create groups.");

        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private BulkPipeline<GroupTarget, GroupOutcome>? _bulk;

        /// <summary>The group's name: unique in the organization, at most 200 characters.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 200)]
        public string Name { get; set; } = string.Empty;

        /// <summary>What the group is for (Tallyfy requires it).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Description { get; set; } = string.Empty;

        /// <summary>The members: user ids, emails or users from Get-TallyfyUser.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Members", "MemberId")]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public object[]? Member { get; set; }

        /// <summary>The guests: emails of the organization's guests, or guests from Get-TallyfyGuest.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Guests")]
        [ArgumentCompleter(typeof(GuestEmailCompleter))]
        public object[]? Guest { get; set; }

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
            _bulk = new BulkPipeline<GroupTarget, GroupOutcome>(this, Organization, CurrentSession.User, Creating, new Creation(this), ThrottleLimit);
        }

        protected override void ProcessRecord() => _bulk!.Take(MyInvocation.ExpectingInput ? null : 1);

        protected override void EndProcessing()
        {
            _bulk!.Finish();
            CompletionCache.Forget(CurrentSession, GroupNameCompleter.Key); // what tab completion offers has changed
        }

        private sealed class Creation : IBulkOperation<GroupTarget, GroupOutcome>
        {
            private readonly NewTallyfyGroupCommand _cmdlet;

            public Creation(NewTallyfyGroupCommand cmdlet) => _cmdlet = cmdlet;

            public IEnumerable<WorkItem<GroupTarget>> Read(InputReader input)
            {
                NewTallyfyGroupCommand c = _cmdlet;
                string name = c.Name.Trim();
                object target = c.MyInvocation.ExpectingInput ? (object)c.Name : name;
                var item = new WorkItem<GroupTarget>(name, target, new GroupTarget(name) { Name = name, Description = c.Description.Trim() })
                {
                    Known = new RecordState(KnownState.Unknown, name),
                };
                item.Refusal = GroupChanges.Resolve(c, c.Organization, c.Member, c.Guest, "-Member", "-Guest", out List<long> members, out List<string> guests, target);
                item.State.Members = members;
                item.State.Guests = guests;
                yield return item;
            }

            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<GroupTarget> item, bool nameWanted) =>
                GroupChanges.Prepare(_cmdlet.Ops, _cmdlet.Organization, item);

            public Verdict<GroupOutcome> Decide(WorkItem<GroupTarget> item)
            {
                if (item.State.Group is TallyfyGroup existing)
                {
                    item.State.Group = null; // not this item's group
                    return Verdict<GroupOutcome>.Refuse(Errors.GroupAlreadyExists(item.State.Name, existing, item.Target));
                }

                return _cmdlet._claimed.Add(item.State.Name) ? Verdict<GroupOutcome>.Go
                    : Verdict<GroupOutcome>.Refuse(Errors.New(ErrorIds.GroupAlreadyExists, ErrorCategory.ResourceExists, item.Target,
                        $"An earlier input of this command creates the group '{item.State.Name}'; group names are unique, so nothing was sent for this one.",
                        "Give each group its own name."));
            }

            public async Task<GroupOutcome> SendAsync(WorkItem<GroupTarget> item, RequestCounter requests)
            {
                GroupTarget g = item.State;
                GroupOutcome outcome = await _cmdlet.Ops.CreateGroupAsync(_cmdlet.Organization, g.Name, g.Description, g.Members, g.Guests, requests).ConfigureAwait(false);
                _cmdlet.Ops.People(_cmdlet.Organization).ForgetGroups();
                return outcome;
            }

            public object? Output(WorkItem<GroupTarget> item, GroupOutcome? outcome) =>
                GroupChanges.Result(item, outcome, "Create", TallyfyGroupChangeStatus.Created, TallyfyGroupChangeStatus.Unchanged);
        }
    }
}
