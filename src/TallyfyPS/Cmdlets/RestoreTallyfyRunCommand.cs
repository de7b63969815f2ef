using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Reactivates archived Tallyfy runs, with their tasks, comments and attachments.</summary>
    [Cmdlet(VerbsData.Restore, "TallyfyRun", HelpUri = HelpLinks.Base + "Restore-TallyfyRun.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunRestoreResult))]
    public sealed class RestoreTallyfyRunCommand : RunBulkCmdlet<RestoreOutcome>
    {
        private static readonly BulkAction Restore = new BulkAction(InputKind.Run, RecordKind.Run, "Restore", "Restoring Tallyfy runs", irreversible: false);

        internal override BulkAction Action => Restore;

        // A run known to be archived (a result of Remove-TallyfyRun, an archived run object) is restored with one
        // request; a bare id is read first, to tell a live run (NotArchived) apart.
        internal override async Task<RestoreOutcome> SendAsync(WorkItem item, RequestCounter requests) =>
            Resumed.Restore(item, await Ops.Runs.RestoreAsync(Organization, item.Id, item.Known, requests, item.Note).ConfigureAwait(false));

        internal override TallyfyOperationResult ToResult(WorkItem item, RestoreOutcome outcome) => new TallyfyRunRestoreResult
        {
            RunId = item.Id,
            Name = outcome.Name ?? item.Name,
            Status = outcome.Status,
        };
    }
}
