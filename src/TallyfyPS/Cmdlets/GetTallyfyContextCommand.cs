using System.Management.Automation;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Shows the current session: user, role, organization, base URI and where the credentials came from.</summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyContext", HelpUri = HelpLinks.Base + "Get-TallyfyContext.md")]
    [OutputType(typeof(TallyfySession))]
    public sealed class GetTallyfyContextCommand : TallyfyCmdlet
    {
        internal override bool RequiresSession => false;

        protected override void EndProcessing()
        {
            TallyfySession? session = SessionStore.Current;
            if (session is null)
            {
                WriteError(Errors.NoSession());
                return;
            }

            WriteObject(session);
        }
    }
}
