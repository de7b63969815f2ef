using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Puts a tag on runs. A run that has the tag already ends AlreadyTagged and nothing is sent for it (its tags
    /// come from the piped run when it was read with -Include Tags, else from one read; either shape of Tallyfy's tag
    /// entries). A run known to be archived ends Archived (RunArchived) with nothing sent. One result per run, in input order.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "TallyfyRunTag", HelpUri = HelpLinks.Base + "Add-TallyfyRunTag.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunTagResult))]
    public sealed class AddTallyfyRunTagCommand : RunTagBulkCmdlet
    {
        private static readonly BulkAction Tagging = new BulkAction(TagInputKinds.RunToTag, null, "Tag", "Tagging Tallyfy runs", irreversible: false);

        internal override BulkAction Action => Tagging;

        internal override RunTagOutcome? Settle(WorkItem item)
        {
            if (OnRun(item) is TallyfyTag has)
            {
                // Archived or not, the run has the tag: what was asked for holds.
                return Unchanged(item, TallyfyRunTagStatus.AlreadyTagged, $"The run has the tag '{TheTag.Title}' already; nothing was sent.", has.AssociationId);
            }

            if (ArchivedRun(item) is RunTagOutcome archived)
            {
                return archived;
            }

            return Claim(item) ? null : Unchanged(item, TallyfyRunTagStatus.AlreadyTagged, $"An earlier input of this command tags this run with '{TheTag.Title}'; nothing more was sent.");
        }

        internal override async Task<RunTagOutcome> SendAsync(WorkItem item, RequestCounter requests)
        {
            RunTagOutcome outcome = await Ops.TagRunAsync(Organization, item.Id, TheTag, requests).ConfigureAwait(false);
            outcome.Name ??= item.Name;
            return outcome;
        }
    }
}
