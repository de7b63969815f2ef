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
    /// Removes guests by email. Tallyfy detaches a removed guest from every task (and group) it was on, which creating the
    /// guest again does not undo: the call prompts as high impact. An email that is no guest's is refused (GuestNotFound)
    /// with nothing sent.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyGuest", HelpUri = HelpLinks.Base + "Remove-TallyfyGuest.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TallyfyGuestChangeResult))]
    public sealed class RemoveTallyfyGuestCommand : SessionCmdlet
    {
        private static readonly BulkAction Removing = new BulkAction(Noun.Guest.Input, null, "Remove guest", "Removing Tallyfy guests", irreversible: true,
            forbiddenAdvice: "Only administrators can remove guests.");

        private BulkPipeline<GuestTarget, GuestOutcome>? _bulk;

        /// <summary>The guests' emails, or guests from Get-TallyfyGuest.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(GuestEmailCompleter))]
        public string[] Email { get; set; } = Array.Empty<string>();

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
            _bulk = new BulkPipeline<GuestTarget, GuestOutcome>(this, Organization, CurrentSession.User, Removing, new Removal(this), ThrottleLimit);
        }

        protected override void ProcessRecord() => _bulk!.Take(MyInvocation.ExpectingInput ? null : Email.Length);

        protected override void EndProcessing()
        {
            _bulk!.Finish();
            CompletionCache.Forget(CurrentSession, "guests"); // what tab completion offers has changed
        }

        private sealed class Removal : IBulkOperation<GuestTarget, GuestOutcome>
        {
            private readonly RemoveTallyfyGuestCommand _cmdlet;

            public Removal(RemoveTallyfyGuestCommand cmdlet) => _cmdlet = cmdlet;

            public IEnumerable<WorkItem<GuestTarget>> Read(InputReader input) => _cmdlet.Email.Select(raw =>
            {
                string email = raw.Trim();
                return new WorkItem<GuestTarget>(email, raw, new GuestTarget(email)) { Known = new RecordState(KnownState.Unknown, email) };
            });

            // The guest as the organization has it now (not the session's remembered list).
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<GuestTarget> item, bool nameWanted) => async counter =>
            {
                item.State.Guest = await _cmdlet.Api.ListGuests(_cmdlet.Organization, item.Id)
                    .FirstAsync(g => string.Equals(g.Email, item.Id, StringComparison.OrdinalIgnoreCase), counter.Context).ConfigureAwait(false);
                return new RecordState(KnownState.Unknown, item.State.Guest?.Name is { Length: > 0 } name ? name : item.Id);
            };

            public Verdict<GuestOutcome> Decide(WorkItem<GuestTarget> item) =>
                item.State.Guest is null ? Verdict<GuestOutcome>.Refuse(Errors.GuestNotFound(item.Id, _cmdlet.Organization, item.Target)) : Verdict<GuestOutcome>.Go;

            public async Task<GuestOutcome> SendAsync(WorkItem<GuestTarget> item, RequestCounter requests)
            {
                GuestOutcome outcome = await _cmdlet.Ops.RemoveGuestAsync(_cmdlet.Organization, item.State.Guest!, requests).ConfigureAwait(false);
                if (outcome.Status == ChangeStatus.Done)
                {
                    _cmdlet.Ops.People(_cmdlet.Organization).RememberGuest(item.State.Guest!.Email, null);
                }

                return outcome;
            }

            public object? Output(WorkItem<GuestTarget> item, GuestOutcome? outcome) => GuestChanges.Result(item, outcome, "Remove", TallyfyGuestChangeStatus.Removed, TallyfyGuestChangeStatus.Removed);
        }
    }
}
