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
    /// Changes groups: adds and removes members and guests, renames (-NewName), describes. (trap) Tallyfy empties a list a
    /// group update leaves out, so each group is read just before, the change merged into what it has, and the whole group
    /// sent: name, description, members and guests. A group that is as asked already is Unchanged with nothing sent.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TallyfyGroup", HelpUri = HelpLinks.Base + "Set-TallyfyGroup.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = NameSet)]
    [OutputType(typeof(TallyfyGroupChangeResult))]
    public sealed class SetTallyfyGroupCommand : SessionCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        private static readonly BulkAction Updating = new BulkAction(Noun.Group.Input, null, "Update group", "Updating Tallyfy groups", irreversible: false,
            forbiddenAdvice: "Only administrators can change groups.");

        private BulkPipeline<GroupTarget, GroupOutcome>? _bulk;
        private List<long> _addMembers = new List<long>();
        private List<long> _removeMembers = new List<long>();
        private List<string> _addGuests = new List<string>();
        private List<string> _removeGuests = new List<string>();

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

        /// <summary>A new name for the group (unique, at most 200 characters).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 200)]
        public string? NewName { get; set; }

        /// <summary>A new description.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Description { get; set; }

        /// <summary>Members to add: user ids, emails or users.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public object[]? AddMember { get; set; }

        /// <summary>Members to take out: user ids, emails or users.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public object[]? RemoveMember { get; set; }

        /// <summary>Guests to add: emails of the organization's guests, or guests.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(GuestEmailCompleter))]
        public object[]? AddGuest { get; set; }

        /// <summary>Guests to take out: emails or guests.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(GuestEmailCompleter))]
        public object[]? RemoveGuest { get; set; }

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
            string org = Organization;
            // The people are the call's arguments: one that is no one the organization has stops the call before anything is sent.
            if (GroupChanges.Resolve(this, org, AddMember, AddGuest, "-AddMember", "-AddGuest", out _addMembers, out _addGuests) is ErrorRecord badAdd)
            {
                ThrowTerminatingError(badAdd);
            }

            if (GroupChanges.Resolve(this, org, RemoveMember, RemoveGuest, "-RemoveMember", "-RemoveGuest", out _removeMembers, out _removeGuests) is ErrorRecord badRemove)
            {
                ThrowTerminatingError(badRemove);
            }

            _bulk = new BulkPipeline<GroupTarget, GroupOutcome>(this, org, CurrentSession.User, Updating, new Update(this), ThrottleLimit);
        }

        protected override void ProcessRecord() => _bulk!.Take(MyInvocation.ExpectingInput ? null : (Name ?? Id)?.Length);

        protected override void EndProcessing()
        {
            _bulk!.Finish();
            CompletionCache.Forget(CurrentSession, GroupNameCompleter.Key); // what tab completion offers has changed
        }

        private sealed class Update : IBulkOperation<GroupTarget, GroupOutcome>, IDescribesItems<GroupTarget>
        {
            private readonly SetTallyfyGroupCommand _cmdlet;

            public Update(SetTallyfyGroupCommand cmdlet) => _cmdlet = cmdlet;

            public IEnumerable<WorkItem<GroupTarget>> Read(InputReader input) => GroupChanges.Items(_cmdlet.Name ?? _cmdlet.Id);

            // The group as it is now: the change is merged into it, and the whole group sent (the trap).
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<GroupTarget> item, bool nameWanted) =>
                GroupChanges.Prepare(_cmdlet.Ops, _cmdlet.Organization, item, _cmdlet.NewName?.Trim());

            public Verdict<GroupOutcome> Decide(WorkItem<GroupTarget> item)
            {
                GroupTarget t = item.State;
                if (t.Group is not TallyfyGroup group)
                {
                    return Verdict<GroupOutcome>.Refuse(Errors.GroupNotFoundByName(t.Selector, _cmdlet.Organization, item.Target));
                }

                if (t.NameTaken is TallyfyGroup taken)
                {
                    return Verdict<GroupOutcome>.Refuse(Errors.GroupAlreadyExists(_cmdlet.NewName!, taken, item.Target));
                }

                var remove = new HashSet<long>(_cmdlet._removeMembers);
                var removeGuests = new HashSet<string>(_cmdlet._removeGuests, StringComparer.OrdinalIgnoreCase);
                t.Members = group.MemberIds.Concat(_cmdlet._addMembers).Distinct().Where(id => !remove.Contains(id)).ToList();
                t.Guests = group.Guests.Concat(_cmdlet._addGuests).Distinct(StringComparer.OrdinalIgnoreCase).Where(e => !removeGuests.Contains(e)).ToList();
                t.Name = _cmdlet.NewName?.Trim() ?? group.Name;
                t.Description = _cmdlet.Description ?? group.Description ?? string.Empty;
                t.Changes = GroupChanges.Difference(group.MemberIds, group.Guests, t.Members, t.Guests);
                bool same = t.Changes is null && t.Name == group.Name && t.Description == (group.Description ?? string.Empty);
                return same
                    ? Verdict<GroupOutcome>.Settle(new GroupOutcome { Status = ChangeStatus.Existing, Record = group, Name = group.Name, Message = "The group is as asked already; nothing was sent." })
                    : Verdict<GroupOutcome>.Go;
            }

            public async Task<GroupOutcome> SendAsync(WorkItem<GroupTarget> item, RequestCounter requests)
            {
                GroupTarget t = item.State;
                GroupOutcome outcome = await _cmdlet.Ops.UpdateGroupAsync(_cmdlet.Organization, t.Group!.Id, t.Name, t.Description, t.Members, t.Guests, requests).ConfigureAwait(false);
                _cmdlet.Ops.People(_cmdlet.Organization).ForgetGroups();
                return outcome;
            }

            public object? Output(WorkItem<GroupTarget> item, GroupOutcome? outcome) =>
                GroupChanges.Result(item, outcome, "Update", TallyfyGroupChangeStatus.Updated, TallyfyGroupChangeStatus.Unchanged);

            public ItemWords Describe(WorkItem<GroupTarget> item) => GroupChanges.Describe(item);
        }
    }
}
