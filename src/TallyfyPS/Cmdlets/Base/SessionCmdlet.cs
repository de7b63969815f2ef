using System.Management.Automation;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The cmdlets that act on an organization's data: -Session and -OrganizationId.</summary>
    public abstract class SessionCmdlet : TallyfyCmdlet
    {
        /// <summary>The session to use instead of the current one (from Connect-Tallyfy -PassThru).</summary>
        [Parameter]
        [ValidateNotNull]
        public TallyfySession? Session { get; set; }

        /// <summary>Act on another organization with the same sign-in.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("OrgId", "organization_id")]
        public string? OrganizationId { get; set; }

        internal override TallyfySession? SessionArgument => Session;

        internal override string? OrganizationArgument => OrganizationId;
    }
}
