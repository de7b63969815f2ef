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
    public sealed class RemoveTallyfyRunCommand : BulkCmdlet
    {
        private const string IdSet = "Id";
        private const string ObjectSet = "InputObject";

        /// <summary>Ids of the runs; from the pipeline as strings or as an Id / RunId / run_id property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("RunId", "run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Runs from Get-TallyfyRun.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        public TallyfyRun[]? InputObject { get; set; }

        /// <summary>Delete permanently instead of archiving. Irreversible; prompts unless -Force or -Confirm:$false.</summary>
        [Parameter]
        public SwitchParameter Permanent { get; set; }

        /// <summary>Do not prompt. -WhatIf still wins.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override string Noun => "run";
        internal override string ActionText => Permanent ? "Permanently delete" : "Archive";
        internal override string ProgressText => Permanent ? "Permanently deleting Tallyfy runs" : "Archiving Tallyfy runs";
        internal override bool HighImpact => Permanent;
        internal override bool Forced => Force;

        internal override ResourceKind KindOf() => ResourceKind.Run;

        internal override int? ArgumentCount => ParameterSetName == ObjectSet ? InputObject?.Length : Id?.Length;

        internal override IEnumerable<WorkItem> ReadInput(string organizationId) =>
            ParameterSetName == ObjectSet ? InputReader.FromRuns(InputObject, organizationId) : InputReader.FromIds(Id, Noun);

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
                HttpStatus = outcome.HttpStatus,
                Message = outcome.Message,
                Attempts = outcome.Attempts,
                CompletedAt = DateTimeOffset.Now,
                OrganizationId = organizationId,
                RequestId = outcome.RequestId,
            };
            return (result, result.Status.ToString());
        }

    }
}
