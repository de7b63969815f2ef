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
    /// Creates guests, one per call or per row. Each counts against Tallyfy's 30 guest invites an hour: past the cap the
    /// call stops creating, the rest are NotAttempted with one RateLimited error that says when it frees up. An email the
    /// organization has as a guest already is AlreadyGuest, and a member's email is refused (EmailIsMember), nothing sent.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "TallyfyGuest", HelpUri = HelpLinks.Base + "New-TallyfyGuest.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TallyfyGuestChangeResult))]
    public sealed class NewTallyfyGuestCommand : SessionCmdlet
    {
        private static readonly BulkAction Creating = new BulkAction(Noun.Guest.Input, null, "Create guest", "Creating Tallyfy guests", irreversible: false,
            forbiddenAdvice: "Only administrators can create guests.");

        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private BulkPipeline<GuestTarget, GuestOutcome>? _bulk;

        /// <summary>The guest's email.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Email { get; set; } = string.Empty;

        /// <summary>The guest's first name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("first_name")]
        public string? FirstName { get; set; }

        /// <summary>The guest's last name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("last_name")]
        public string? LastName { get; set; }

        /// <summary>The guest's company.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CompanyName", "company_name")]
        public string? Company { get; set; }

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
            _bulk = new BulkPipeline<GuestTarget, GuestOutcome>(this, Organization, CurrentSession.User, Creating, new Creation(this), ThrottleLimit);
        }

        protected override void ProcessRecord() => _bulk!.Take(MyInvocation.ExpectingInput ? null : 1);

        protected override void EndProcessing()
        {
            _bulk!.Finish();
            CompletionCache.Forget(CurrentSession, "guests"); // what tab completion offers has changed
        }

        private sealed class Creation : IBulkOperation<GuestTarget, GuestOutcome>
        {
            private readonly NewTallyfyGuestCommand _cmdlet;

            public Creation(NewTallyfyGuestCommand cmdlet) => _cmdlet = cmdlet;

            public IEnumerable<WorkItem<GuestTarget>> Read(InputReader input)
            {
                NewTallyfyGuestCommand c = _cmdlet;
                string email = c.Email.Trim();
                var item = new WorkItem<GuestTarget>(email, c.MyInvocation.ExpectingInput ? (object)c.Email : email, new GuestTarget(email)
                {
                    FirstName = c.FirstName?.Trim(),
                    LastName = c.LastName?.Trim(),
                    Company = c.Company?.Trim(),
                })
                { Known = new RecordState(KnownState.Unknown, email) };
                item.Refusal = FieldValueConverter.IsEmail(email) ? null : Errors.InvalidEmail("-Email", email, item.Target);
                yield return item;
            }

            // Whether the email is a member's or a guest's already: the session's people directory (one look-up per email).
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<GuestTarget> item, bool nameWanted) => async counter =>
            {
                PeopleDirectory people = _cmdlet.Ops.People(_cmdlet.Organization);
                item.State.Member = await people.FindUserAsync(item.Id, counter.Context).ConfigureAwait(false);
                item.State.Guest = item.State.Member is null ? await people.FindGuestAsync(item.Id, counter.Context).ConfigureAwait(false) : null;
                return new RecordState(KnownState.Unknown, item.Id);
            };

            public Verdict<GuestOutcome> Decide(WorkItem<GuestTarget> item)
            {
                if (item.State.Member is TallyfyUser member)
                {
                    return Verdict<GuestOutcome>.Refuse(Errors.EmailIsMember(item.Id, member, item.Target));
                }

                if (item.State.Guest is TallyfyGuest guest)
                {
                    return Verdict<GuestOutcome>.Settle(new GuestOutcome { Status = ChangeStatus.Existing, Record = guest, Name = guest.Email, Message = "The organization has this guest already; nothing was sent." });
                }

                return _cmdlet._claimed.Add(item.Id) ? Verdict<GuestOutcome>.Go
                    : Verdict<GuestOutcome>.Settle(new GuestOutcome { Status = ChangeStatus.Existing, Name = item.Id, Message = "An earlier input of this command creates this guest; nothing more was sent." });
            }

            public async Task<GuestOutcome> SendAsync(WorkItem<GuestTarget> item, RequestCounter requests)
            {
                GuestTarget g = item.State;
                GuestOutcome outcome = await _cmdlet.Ops.CreateGuestAsync(_cmdlet.Organization, g.Email, g.FirstName, g.LastName, g.Company, requests).ConfigureAwait(false);
                if (outcome.Status == ChangeStatus.Done && outcome.Record is TallyfyGuest made)
                {
                    _cmdlet.Ops.People(_cmdlet.Organization).RememberGuest(made.Email, made);
                }

                return outcome;
            }

            public object? Output(WorkItem<GuestTarget> item, GuestOutcome? outcome) => GuestChanges.Result(item, outcome, "Create", TallyfyGuestChangeStatus.Created, TallyfyGuestChangeStatus.AlreadyGuest);
        }
    }
}
