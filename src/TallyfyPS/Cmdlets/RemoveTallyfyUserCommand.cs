using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Removes members from the organization: deactivates them (DELETE /users/{id}: the member is disabled), or with
    /// -Permanent deactivates and then deletes them for good (prompting as high impact). A member who still has open
    /// assignments (Get-TallyfyAssignment) is refused, with how many of each kind and the handover command, unless
    /// -ReassignTo (Tallyfy's own reassignment: every task, and nothing else, to one person) or -Force. The
    /// organization's default admin and bots are refused before anything is sent. One result per member.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyUser", HelpUri = HelpLinks.Base + "Remove-TallyfyUser.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TallyfyUserRemovalResult))]
    public sealed class RemoveTallyfyUserCommand : SessionCmdlet
    {
        private static readonly BulkAction Deactivating = new BulkAction(Noun.User.Input, null, "Remove from the organization", "Removing Tallyfy members", irreversible: false,
            forbiddenAdvice: "Removing members takes an administrator's token.");
        private static readonly BulkAction Deleting = new BulkAction(Noun.User.Input, null, "Permanently delete", "Deleting Tallyfy members", irreversible: true,
            forbiddenAdvice: "Deleting members takes an administrator's token.");
        private BulkPipeline<Removal?, MemberRemovalOutcome>? _bulk;
        private TallyfyUser? _reassignTo;

        /// <summary>The members: emails, user ids, users from Get-TallyfyUser, or rows with an Id, UserId or Email column.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "Email")]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public object[]? Id { get; set; }

        /// <summary>Deactivate, then delete the member for good (cannot be undone; prompts as high impact).</summary>
        [Parameter]
        public SwitchParameter Permanent { get; set; }

        /// <summary>
        /// Tallyfy's own reassignment: every task of the member (open or not) goes to this one member, all or nothing; runs
        /// owned or joined, template steps and groups do not move. Get-TallyfyAssignment | Move-TallyfyAssignment moves all of it.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public string? ReassignTo { get; set; }

        /// <summary>Do not prompt, and remove a member who still has open assignments. -WhatIf still wins.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many members may be removed at once. Default 16.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (ReassignTo != null)
            {
                _reassignTo = HandoverPeople.Find(this, Ops, Organization, ReassignTo, out string why);
                if (_reassignTo is null)
                {
                    ThrowTerminatingError(Errors.UnknownMember("-ReassignTo", ReassignTo, why, Organization));
                }
                else if (HandoverPeople.IsDisabled(_reassignTo))
                {
                    ThrowTerminatingError(Errors.InvalidHandoverTarget(ReassignTo, ReassignTo, "this member is disabled"));
                }
            }

            _bulk = new BulkPipeline<Removal?, MemberRemovalOutcome>(this, Organization, CurrentSession.User, Permanent ? Deleting : Deactivating, new Removing(this), ThrottleLimit);
        }

        protected override void ProcessRecord() => _bulk!.Take(Id?.Length);

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>One member to remove: as named, then as read (with its open assignments unless -Force or -ReassignTo).</summary>
        private sealed class Removal
        {
            public Removal(TallyfyUser user) => User = user;

            public TallyfyUser User { get; set; }

            public TallyfyUser? Read { get; set; }

            public IReadOnlyList<TallyfyAssignment>? Open { get; set; }
        }

        private sealed class Removing : IBulkOperation<Removal?, MemberRemovalOutcome>
        {
            private readonly RemoveTallyfyUserCommand _cmdlet;

            public Removing(RemoveTallyfyUserCommand cmdlet) => _cmdlet = cmdlet;

            private string Organization => _cmdlet.Organization;

            public IEnumerable<WorkItem<Removal?>> Read(InputReader input)
            {
                foreach (object? value in _cmdlet.Id ?? Array.Empty<object?>())
                {
                    TallyfyUser? user = HandoverPeople.Find(_cmdlet, _cmdlet.Ops, Organization, value, out string why);
                    string text = HandoverPeople.Text(value);
                    yield return user is null
                        ? new WorkItem<Removal?>(text, value, null) { Refusal = Errors.UnknownMember("-Id", text, why, Organization) }
                        : new WorkItem<Removal?>(user.Id.ToString(CultureInfo.InvariantCulture), value, new Removal(user)) { Known = new RecordState(KnownState.Live, HandoverPeople.EmailOf(user)) };
                }
            }

            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<Removal?> item, bool nameWanted) => item.State is Removal removal ? async requests =>
            {
                removal.Read = await _cmdlet.Api.GetMemberAsync(Organization, removal.User.Id, requests).ConfigureAwait(false);
                if (removal.Read is null)
                {
                    return new RecordState(KnownState.Unknown, HandoverPeople.EmailOf(removal.User)); // gone since it was looked up: refused in Decide
                }

                removal.User = removal.Read;
                if (!_cmdlet.Force && _cmdlet._reassignTo is null && removal.Read.IsBot != true && removal.Read.IsDefaultAdmin != true && !AlreadyRemoved(removal.User))
                {
                    removal.Open = await _cmdlet.Ops.ListAssignmentsAsync(Organization, removal.User, requests.Context).ConfigureAwait(false);
                }

                return new RecordState(KnownState.Live, HandoverPeople.EmailOf(removal.User));
            }
            : (Func<RequestCounter, Task<RecordState>>?)null;

            public Verdict<MemberRemovalOutcome> Decide(WorkItem<Removal?> item)
            {
                Removal removal = item.State!;
                TallyfyUser user = removal.User;
                if (removal.Read is null)
                {
                    return Verdict<MemberRemovalOutcome>.Refuse(Errors.MemberNotFound(HandoverPeople.EmailOf(user), "no member of the organization has this id now", Organization, item.Target));
                }

                if (removal.Read.IsDefaultAdmin == true)
                {
                    return Verdict<MemberRemovalOutcome>.Refuse(Errors.UserNotRemovable(user, "this is the organization's default admin"));
                }

                if (removal.Read.IsBot == true)
                {
                    return Verdict<MemberRemovalOutcome>.Refuse(Errors.UserNotRemovable(user, "this is a bot"));
                }

                if (_cmdlet._reassignTo is TallyfyUser to && to.Id == user.Id)
                {
                    return Verdict<MemberRemovalOutcome>.Refuse(Errors.InvalidHandoverTarget(item.Target, _cmdlet.ReassignTo!, "it is the member being removed"));
                }

                if (AlreadyRemoved(user))
                {
                    return Verdict<MemberRemovalOutcome>.Settle(new MemberRemovalOutcome { Status = ChangeStatus.Existing, Record = user, Name = user.Email,
                        Message = "The member is disabled already; nothing was sent." });
                }

                if (removal.Open is IReadOnlyList<TallyfyAssignment> open && open.Count > 0)
                {
                    return Verdict<MemberRemovalOutcome>.Refuse(Errors.OpenAssignments(user, open));
                }

                return Verdict<MemberRemovalOutcome>.Go;
            }

            /// <summary>Disabled already, and nothing more asked (no deletion, no reassignment): nothing to send.</summary>
            private bool AlreadyRemoved(TallyfyUser user) => HandoverPeople.IsDisabled(user) && !_cmdlet.Permanent && _cmdlet._reassignTo is null;

            public Task<MemberRemovalOutcome> SendAsync(WorkItem<Removal?> item, RequestCounter requests)
            {
                item.Note(_cmdlet.Permanent ? "deleting" : "removing");
                return _cmdlet.Ops.RemoveMemberAsync(Organization, item.State!.User, _cmdlet._reassignTo?.Id, _cmdlet.Permanent, requests);
            }

            public object? Output(WorkItem<Removal?> item, MemberRemovalOutcome? outcome)
            {
                TallyfyUser? user = item.State?.User;
                return new TallyfyUserRemovalResult
                {
                    UserId = user?.Id ?? 0,
                    Email = user?.Email ?? item.Id,
                    Name = user?.Name,
                    Action = _cmdlet.Permanent ? TallyfyAction.Delete : TallyfyAction.Deactivate,
                    ReassignedTo = _cmdlet._reassignTo?.Email,
                    Status = outcome is null ? TallyfyUserRemovalStatus.Refused : outcome.Status switch
                    {
                        ChangeStatus.Done => outcome.Deleted ? TallyfyUserRemovalStatus.Deleted : TallyfyUserRemovalStatus.Removed,
                        ChangeStatus.Existing => TallyfyUserRemovalStatus.AlreadyRemoved,
                        ChangeStatus.NotFound => TallyfyUserRemovalStatus.NotFound,
                        ChangeStatus.Forbidden => TallyfyUserRemovalStatus.Forbidden,
                        ChangeStatus.NotAttempted => TallyfyUserRemovalStatus.NotAttempted,
                        ChangeStatus.Skipped => TallyfyUserRemovalStatus.Skipped,
                        ChangeStatus.Unknown => TallyfyUserRemovalStatus.Unknown,
                        _ => TallyfyUserRemovalStatus.Failed,
                    },
                };
            }
        }
    }
}
