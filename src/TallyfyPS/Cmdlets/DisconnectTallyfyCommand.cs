using System.Management.Automation;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Forgets the current session (or the one given) and closes its connections.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Tallyfy", HelpUri = HelpLinks.Base + "Disconnect-Tallyfy.md")]
    [OutputType(typeof(void))]
    public sealed class DisconnectTallyfyCommand : TallyfyCmdlet
    {
        /// <summary>The session to close; default the current one.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public TallyfySession? Session { get; set; }

        internal override bool RequiresSession => false;

        protected override void ProcessRecord()
        {
            TallyfySession? target = Session ?? SessionStore.Current;
            if (target is null)
            {
                WriteVerbose("No Tallyfy session to disconnect.");
                return;
            }

            SessionStore.Close(target);
            WriteVerbose($"Disconnected {target}.");
        }
    }
}
