using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Takes a tag off runs. A run without the tag ends NotTagged and nothing is sent for it. The tag itself stays
    /// (Remove-TallyfyTag deletes it). One result per run, in input order; piping the results of Add-TallyfyRunTag undoes it.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyRunTag", HelpUri = HelpLinks.Base + "Remove-TallyfyRunTag.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunTagResult))]
    public sealed class RemoveTallyfyRunTagCommand : RunTagBulkCmdlet
    {
        private static readonly BulkAction Untagging = new BulkAction(TagInputKinds.RunToTag, null, "Untag", "Untagging Tallyfy runs", irreversible: false);

        internal override BulkAction Action => Untagging;

        // Untagging deletes the association, whose id only the run's tags tell: read them unless the input holds it.
        internal override bool NeedsRead(WorkItem item) => base.NeedsRead(item) || (OnRun(item) is TallyfyTag t && string.IsNullOrEmpty(t.AssociationId));

        internal override RunTagOutcome? Settle(WorkItem item)
        {
            if (OnRun(item) is null)
            {
                return Unchanged(item, TallyfyRunTagStatus.NotTagged, $"The run does not have the tag '{TheTag.Title}'; nothing was sent.");
            }

            return Claim(item) ? null : Unchanged(item, TallyfyRunTagStatus.NotTagged, $"An earlier input of this command untags this run; nothing more was sent.");
        }

        internal override async Task<RunTagOutcome> SendAsync(WorkItem item, RequestCounter requests)
        {
            TallyfyTag on = OnRun(item)!;
            // Without the association's id (tag entries that are the tags themselves), the client learns it from the tagging answer.
            RunTagOutcome outcome = await Ops.UntagRunAsync(Organization, item.Id, on, on.AssociationId, requests).ConfigureAwait(false);
            outcome.Name ??= item.Name;
            return outcome;
        }
    }
}
