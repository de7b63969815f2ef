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
    public sealed class RestoreTallyfyRunCommand : BulkCmdlet
    {
        private const string IdSet = "Id";
        private const string ObjectSet = "InputObject";

        /// <summary>Ids of the runs; from the pipeline as strings, or as an Id / RunId / run_id property (removal results).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("RunId", "run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Runs from Get-TallyfyRun (for example -Status archived).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        public TallyfyRun[]? InputObject { get; set; }

        /// <summary>Do not prompt. -WhatIf still wins.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override string Noun => "run";
        internal override string ActionText => "Restore";
        internal override string ProgressText => "Restoring Tallyfy runs";
        internal override bool Forced => Force;

        internal override ResourceKind KindOf() => ResourceKind.Run;

        internal override int? ArgumentCount => ParameterSetName == ObjectSet ? InputObject?.Length : Id?.Length;

        internal override IEnumerable<WorkItem> ReadInput(string organizationId) =>
            ParameterSetName == ObjectSet ? InputReader.FromRuns(InputObject, organizationId) : InputReader.FromIds(Id, Noun);


        internal override Task<Outcome> ExecuteAsync(WorkItem item, string organizationId, CancellationToken cancellationToken) =>
            new Lifecycle(Api, ResourceKind.Run).RestoreAsync(organizationId, item.Id, item.Probe, cancellationToken);

        internal override (object Result, string Status) MakeResult(WorkItem item, Outcome outcome, string organizationId)
        {
            var result = new TallyfyRunRestoreResult
            {
                RunId = item.Id,
                Name = outcome.Name ?? item.Name,
                Status = outcome.RestoreStatus,
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
