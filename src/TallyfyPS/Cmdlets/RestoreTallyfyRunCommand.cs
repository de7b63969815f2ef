using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Reactivates archived Tallyfy runs, with their tasks, comments and attachments.</summary>
    [Cmdlet(VerbsData.Restore, "TallyfyRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunRestoreResult))]
    public sealed class RestoreTallyfyRunCommand : RunBulkCmdlet
    {

        internal override string ActionText => "Restore";
        internal override string ProgressText => "Restoring Tallyfy runs";

        internal override Task<Outcome> ExecuteAsync(WorkItem item, string organizationId, CancellationToken cancellationToken) =>
            new Lifecycle(Api, ResourceKind.Run).RestoreAsync(organizationId, item.Id, item.Probe, cancellationToken);

        internal override (object Result, string Status) MakeResult(WorkItem item, Outcome outcome, string organizationId)
        {
            var result = new TallyfyRunRestoreResult
            {
                RunId = item.Id,
                Name = outcome.Name ?? item.Name,
                Status = outcome.RestoreStatus,
            };
            return (WithOutcome(result, outcome, organizationId), result.Status.ToString());
        }
    }
}
