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
    /// Invites members, one per call or per row (Import-Csv rows bind by property name). Tallyfy requires all five fields:
    /// an invitation without -FirstName, -LastName or -Role is refused (UserFieldMissing, the field named) before anything
    /// is sent, and one without -Message gets a default text that names the organization. An email the organization's
    /// members have already is AlreadyMember with nothing sent. A full seat pool is SeatLimitReached.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "TallyfyUser", HelpUri = HelpLinks.Base + "New-TallyfyUser.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TallyfyUserChangeResult))]
    public sealed class NewTallyfyUserCommand : SessionCmdlet
    {
        /// <summary>The longest first or last name Tallyfy takes.</summary>
        public const int MaxName = 32;

        /// <summary>The longest invitation message Tallyfy takes.</summary>
        public const int MaxMessage = 5000;

        private static readonly BulkAction Inviting = new BulkAction(Noun.User.Input, null, "Invite", "Inviting Tallyfy members", irreversible: false,
            forbiddenAdvice: "Only administrators can invite members.");

        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private BulkPipeline<Invitation, MemberOutcome>? _bulk;
        private int _rows;

        /// <summary>The new member's email.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Email { get; set; } = string.Empty;

        /// <summary>The new member's first name (at most 32 characters). Required by Tallyfy.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("first_name")]
        public string? FirstName { get; set; }

        /// <summary>The new member's last name (at most 32 characters). Required by Tallyfy.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("last_name")]
        public string? LastName { get; set; }

        /// <summary>admin, standard or light. Required by Tallyfy: no role is assumed (it decides the seat the member takes).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("admin", "standard", "light", IgnoreCase = true)]
        public string? Role { get; set; }

        /// <summary>The invitation's text (at most 5000 characters). Default: an invitation to join the organization, by its name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Message { get; set; }

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
            _bulk = new BulkPipeline<Invitation, MemberOutcome>(this, Organization, CurrentSession.User, Inviting, new Inviter(this), ThrottleLimit);
        }

        protected override void ProcessRecord() => _bulk!.Take(MyInvocation.ExpectingInput ? null : 1);

        protected override void EndProcessing()
        {
            _bulk!.Finish();
            CompletionCache.Forget(CurrentSession, "users"); // what tab completion offers has changed
        }

        /// <summary>Whether missing fields may be asked for: a call typed at a prompt (not a pipeline of rows) in a host that can ask.</summary>
        private bool CanAsk() => !MyInvocation.ExpectingInput && !ConfirmationPolicy.CannotPrompt(Host);

        /// <summary>Asks for the missing first name, last name and role, in one prompt; an answer left empty stays missing.</summary>
        private void Ask(string email, ref string first, ref string last, ref string role)
        {
            var fields = new System.Collections.ObjectModel.Collection<System.Management.Automation.Host.FieldDescription>();
            if (first.Length == 0) fields.Add(new System.Management.Automation.Host.FieldDescription("FirstName"));
            if (last.Length == 0) fields.Add(new System.Management.Automation.Host.FieldDescription("LastName"));
            if (role.Length == 0) fields.Add(new System.Management.Automation.Host.FieldDescription("Role") { HelpMessage = "admin, standard or light" });
            Dictionary<string, PSObject>? answers = Host.UI.Prompt("New-TallyfyUser", $"Tallyfy requires these to invite {email}:", fields);
            string Answer(string name) => answers != null && answers.TryGetValue(name, out PSObject? v) ? (v?.ToString() ?? string.Empty).Trim() : string.Empty;
            if (first.Length == 0) first = Answer("FirstName");
            if (last.Length == 0) last = Answer("LastName");
            if (role.Length == 0)
            {
                string r = Answer("Role").ToLowerInvariant();
                role = r == "admin" || r == "standard" || r == "light" ? r : string.Empty;
            }
        }

        /// <summary>The default invitation text: it names the organization.</summary>
        private string DefaultMessage(string firstName)
        {
            string org = string.Equals(Organization, CurrentSession.OrganizationId, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(CurrentSession.OrganizationName)
                ? CurrentSession.OrganizationName! : "our organization";
            return $"Hello {firstName}, you are invited to join {org} on Tallyfy, where we run our processes and tasks. Welcome!";
        }

        /// <summary>One invitation: its fields, and the member that has its email already, if any.</summary>
        private sealed class Invitation
        {
            public Invitation(int row, string email, string firstName, string lastName, string role, string message)
            {
                Row = row;
                Email = email;
                FirstName = firstName;
                LastName = lastName;
                Role = role;
                Message = message;
            }

            public int Row { get; }
            public string Email { get; }
            public string FirstName { get; }
            public string LastName { get; }
            public string Role { get; }
            public string Message { get; }
            public TallyfyUser? Existing { get; set; }
        }

        private sealed class Inviter : IBulkOperation<Invitation, MemberOutcome>, IDescribesItems<Invitation>
        {
            private readonly NewTallyfyUserCommand _cmdlet;

            public Inviter(NewTallyfyUserCommand cmdlet) => _cmdlet = cmdlet;

            public IEnumerable<WorkItem<Invitation>> Read(InputReader input)
            {
                NewTallyfyUserCommand c = _cmdlet;
                int row = ++c._rows;
                string email = c.Email.Trim();
                string first = c.FirstName?.Trim() ?? string.Empty;
                string last = c.LastName?.Trim() ?? string.Empty;
                string role = c.Role?.Trim().ToLowerInvariant() ?? string.Empty;
                if ((first.Length == 0 || last.Length == 0 || role.Length == 0) && c.CanAsk())
                {
                    // Typed at a prompt that can answer: ask for what Tallyfy requires and is missing (a row is refused instead).
                    c.Ask(email, ref first, ref last, ref role);
                }
                string message = string.IsNullOrWhiteSpace(c.Message) ? c.DefaultMessage(first) : c.Message!;
                object target = c.MyInvocation.ExpectingInput ? (object)c.Email : email;
                var item = new WorkItem<Invitation>(email, target, new Invitation(row, email, first, last, role, message)) { Known = new RecordState(KnownState.Unknown, email) };
                string subject = Describe(item).Subject;
                item.Refusal = !FieldValueConverter.IsEmail(email) ? Errors.InvalidEmail("-Email", email, target)
                    : first.Length == 0 ? Errors.UserFieldMissing(subject, "-FirstName", target)
                    : last.Length == 0 ? Errors.UserFieldMissing(subject, "-LastName", target)
                    : role.Length == 0 ? Errors.UserFieldMissing(subject, "-Role", target)
                    : first.Length > MaxName || last.Length > MaxName ? Errors.New(ErrorIds.InvalidUserField, ErrorCategory.InvalidArgument, target,
                        $"{subject}: Tallyfy takes first and last names of at most {MaxName} characters. Nothing was sent for it.", "Shorten the name.")
                    : message.Length > MaxMessage ? Errors.New(ErrorIds.InvalidUserField, ErrorCategory.InvalidArgument, target,
                        $"{subject}: Tallyfy takes an invitation message of at most {MaxMessage} characters. Nothing was sent for it.", "Shorten -Message.")
                    : null;
                yield return item;
            }

            // Whether the organization has the email already: the session's people directory (one look-up per email).
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<Invitation> item, bool nameWanted) => async counter =>
            {
                item.State.Existing = await _cmdlet.Ops.People(_cmdlet.Organization).FindUserAsync(item.State.Email, counter.Context).ConfigureAwait(false);
                return new RecordState(KnownState.Unknown, item.State.Email);
            };

            public Verdict<MemberOutcome> Decide(WorkItem<Invitation> item)
            {
                if (item.State.Existing is TallyfyUser member)
                {
                    return Verdict<MemberOutcome>.Settle(MemberChanges.Unchanged(member,
                        $"The organization has a member with this email already ({member.Id}, {member.Status}); nothing was sent."));
                }

                return _cmdlet._claimed.Add(item.State.Email) ? Verdict<MemberOutcome>.Go
                    : Verdict<MemberOutcome>.Settle(new MemberOutcome { Status = ChangeStatus.Existing, Name = item.State.Email, Message = "An earlier input of this command invites this email; nothing more was sent." });
            }

            public async Task<MemberOutcome> SendAsync(WorkItem<Invitation> item, RequestCounter requests)
            {
                Invitation i = item.State;
                MemberOutcome outcome = await _cmdlet.Ops.InviteMemberAsync(_cmdlet.Organization, i.Email, i.FirstName, i.LastName, i.Role, i.Message, requests).ConfigureAwait(false);
                return MemberChanges.Sent(_cmdlet.Ops, _cmdlet.Organization, item, outcome, Describe(item).Subject);
            }

            public object? Output(WorkItem<Invitation> item, MemberOutcome? outcome)
            {
                TallyfyUserChangeResult result = MemberChanges.Result(item, outcome, item.State.Existing, "Invite", TallyfyUserChangeStatus.Invited, TallyfyUserChangeStatus.AlreadyMember);
                result.Email ??= item.State.Email;
                result.Role ??= item.State.Role.Length > 0 ? item.State.Role : null;
                return result;
            }

            public ItemWords Describe(WorkItem<Invitation> item)
            {
                Invitation i = item.State;
                string what = _cmdlet.MyInvocation.ExpectingInput ? $"row {i.Row} ({i.Email})" : i.Email;
                return new ItemWords($"invitation of {what}{(i.Role.Length > 0 ? " as " + i.Role : string.Empty)}", "Invitation of " + what,
                    $"Check with Get-TallyfyUser -Email '{i.Email}'.");
            }
        }
    }
}
