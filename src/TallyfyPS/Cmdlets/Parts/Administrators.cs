using System;
using System.Management.Automation;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Refuses an administrators-only call before anything is sent, where the session knows the user's role.</summary>
    internal static class Administrators
    {
        /// <summary>A terminating AdministratorRequired when the session's user is known not to be an administrator of <paramref name="organizationId"/>.</summary>
        public static void Require(PSCmdlet cmdlet, TallyfySession session, string organizationId)
        {
            bool sameOrganization = string.Equals(session.OrganizationId, organizationId, StringComparison.OrdinalIgnoreCase);
            if (sameOrganization && session.Role != null && !string.Equals(session.Role, "admin", StringComparison.OrdinalIgnoreCase))
            {
                cmdlet.ThrowTerminatingError(Errors.AdministratorRequired(cmdlet.MyInvocation.MyCommand.Name,
                    session.User.Email ?? session.User.ToString(), session.Role, session.OrganizationName ?? organizationId));
            }
        }
    }
}
