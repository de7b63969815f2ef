using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Gets the organization's guests (people outside it who work on tasks by email), streaming page by page.</summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyGuest", HelpUri = HelpLinks.Base + "Get-TallyfyGuest.md")]
    [OutputType(typeof(TallyfyGuest))]
    public sealed class GetTallyfyGuestCommand : SessionCmdlet
    {
        /// <summary>Only guests whose email matches (wildcards allowed).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(GuestEmailCompleter))]
        public string[]? Email { get; set; }

        /// <summary>At most this many guests.</summary>
        [Parameter]
        public ulong First { get; set; } = ulong.MaxValue;

        protected override void ProcessRecord() => Guarded(() =>
        {
            var email = new WildcardFilter("-Email", Email);
            ulong kept = 0;
            PagedWalker<TallyfyGuest> walker = Api.ListGuests(Organization, email.SearchTerm, email.IsActive ? ulong.MaxValue : First);
            WalkPages(walker, Noun.Guest, First, guest =>
            {
                bool keep = email.Matches(guest.Email);
                if (keep)
                {
                    kept++;
                }

                return keep;
            });

            if (kept < First)
            {
                foreach (string value in email.Unmatched())
                {
                    WriteError(Errors.NoMatch(Noun.Guest, "-Email", value, Organization));
                }
            }
        });

        protected override void EndProcessing() => Completed();
    }
}
