using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Archives Tallyfy runs (recoverable with Restore-TallyfyRun), or with -Permanent deletes them for good
    /// (archiving first where needed). One result per input, in input order.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TallyfyRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyRunRemovalResult))]
    public sealed class RemoveTallyfyRunCommand : RunBulkCmdlet
    {

        /// <summary>Delete permanently instead of archiving. Irreversible; prompts unless -Force or -Confirm:$false.</summary>
        [Parameter]
        public SwitchParameter Permanent { get; set; }

        internal override string ActionText => Permanent ? "Permanently delete" : "Archive";
        internal override string ProgressText => Permanent ? "Permanently deleting Tallyfy runs" : "Archiving Tallyfy runs";
        internal override bool HighImpact => Permanent;

        // Permanent deletion of a bare id reads the run first, so that exactly the needed requests are
        // sent (archive then delete for a live run, delete alone for an archived one) and the result
        // carries the run's name. Archiving needs no read: the answer says everything.
        internal override bool AlwaysResolve(WorkItem item) => Permanent && !item.FromObject;

        internal override Task<Outcome> ExecuteAsync(WorkItem item, string organizationId, CancellationToken cancellationToken)
        {
            var lifecycle = new Lifecycle(Api, ResourceKind.Run);
            return Permanent
                ? lifecycle.DeleteAsync(organizationId, item.Id, item.KnownArchived, cancellationToken)
                : lifecycle.ArchiveAsync(organizationId, item.Id, item.Probe?.Exists == true, cancellationToken);
        }

        internal override (object Result, string Status) MakeResult(WorkItem item, Outcome outcome, string organizationId)
        {
            var result = new TallyfyRunRemovalResult
            {
                RunId = item.Id,
                Name = outcome.Name ?? item.Name,
                Action = Permanent ? TallyfyAction.Delete : TallyfyAction.Archive,
                Status = outcome.RemovalStatus,
            };
            return (WithOutcome(result, outcome, organizationId), result.Status.ToString());
        }
    }
}
