using System;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Lists the organizations the signed-in user belongs to (GET me/organizations), the session's marked IsCurrent;
    /// -Name narrows them (wildcards).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyOrganization", HelpUri = HelpLinks.Base + "Get-TallyfyOrganization.md")]
    [OutputType(typeof(TallyfyOrganization))]
    public sealed class GetTallyfyOrganizationCommand : TallyfyCmdlet
    {
        /// <summary>Only organizations whose name matches (wildcards allowed).</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>The session to use instead of the current one (from Connect-Tallyfy -PassThru).</summary>
        [Parameter]
        [ValidateNotNull]
        public TallyfySession? Session { get; set; }

        internal override TallyfySession? SessionArgument => Session;

        protected override void ProcessRecord() => Guarded(() =>
        {
            string current = CurrentSession.OrganizationId;
            var name = new WildcardFilter("-Name", Name);
            WalkPages(Api.ListOrganizations(), Noun.Organization, ulong.MaxValue, organization =>
            {
                organization.IsCurrent = string.Equals(organization.Id, current, StringComparison.OrdinalIgnoreCase);
                return name.Matches(organization.Name ?? string.Empty);
            });

            foreach (string value in name.Unmatched())
            {
                WriteError(Errors.New(ErrorIds.OrganizationNotFound, ErrorCategory.ObjectNotFound, value,
                    $"The signed-in user belongs to no organization whose name matches '{value}'.",
                    "List them all with Get-TallyfyOrganization."));
            }
        });

        protected override void EndProcessing() => Completed();
    }
}
