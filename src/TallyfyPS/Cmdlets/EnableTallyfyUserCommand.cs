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
    /// Enables disabled members again (each takes a seat of its pool: a full pool is SeatLimitReached). A member who is not disabled is AlreadyEnabled with nothing sent.
    /// Members by -Id: a user id, an email, a user from Get-TallyfyUser, or a row with an Id or Email column.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Enable, "TallyfyUser", HelpUri = HelpLinks.Base + "Enable-TallyfyUser.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TallyfyUserChangeResult))]
    public sealed class EnableTallyfyUserCommand : SessionCmdlet
    {
        private static readonly BulkAction Action = new BulkAction(Noun.User.Input, null, "Enable", "Enabling Tallyfy members", irreversible: false,
            forbiddenAdvice: "Only administrators can enable members.");

        private BulkPipeline<MemberTarget, MemberOutcome>? _bulk;

        /// <summary>The members: user ids, emails, users from Get-TallyfyUser, or rows with an Id or Email column.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("UserId", "Email")]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public object[]? Id { get; set; }

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
            _bulk = new BulkPipeline<MemberTarget, MemberOutcome>(this, Organization, CurrentSession.User, Action, new Change(this), ThrottleLimit);
        }

        protected override void ProcessRecord() => _bulk!.Take(MyInvocation.ExpectingInput ? null : Id?.Length);

        protected override void EndProcessing()
        {
            _bulk!.Finish();
            CompletionCache.Forget(CurrentSession, "users"); // what tab completion offers has changed
        }

        private sealed class Change : IBulkOperation<MemberTarget, MemberOutcome>, IDescribesItems<MemberTarget>
        {
            private readonly EnableTallyfyUserCommand _cmdlet;

            public Change(EnableTallyfyUserCommand cmdlet) => _cmdlet = cmdlet;

            public IEnumerable<WorkItem<MemberTarget>> Read(InputReader input) => MemberChanges.Items(_cmdlet.Id);

            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<MemberTarget> item, bool nameWanted) =>
                MemberChanges.Prepare(_cmdlet.Ops, _cmdlet.Organization, item);

            public Verdict<MemberOutcome> Decide(WorkItem<MemberTarget> item)
            {
                if (MemberChanges.Refusal(item, _cmdlet.Organization) is ErrorRecord refused)
                {
                    return Verdict<MemberOutcome>.Refuse(refused);
                }

                TallyfyUser m = item.State.Member!;
                return !HandoverPeople.IsDisabled(m) ? Verdict<MemberOutcome>.Settle(MemberChanges.Unchanged(m, $"The member is {m.Status ?? "not disabled"} (not disabled); nothing was sent.")) : Verdict<MemberOutcome>.Go;
            }

            public async Task<MemberOutcome> SendAsync(WorkItem<MemberTarget> item, RequestCounter requests)
            {
                MemberOutcome outcome = await _cmdlet.Ops.EnableMemberAsync(_cmdlet.Organization, item.State.Member!.Id, requests).ConfigureAwait(false);
                return MemberChanges.Sent(_cmdlet.Ops, _cmdlet.Organization, item, outcome, Describe(item).Subject);
            }

            public object? Output(WorkItem<MemberTarget> item, MemberOutcome? outcome) =>
                MemberChanges.Result(item, outcome, item.State.Member, "Enable", TallyfyUserChangeStatus.Enabled, TallyfyUserChangeStatus.AlreadyEnabled);

            public ItemWords Describe(WorkItem<MemberTarget> item) => MemberChanges.Describe(item);
        }
    }
}
