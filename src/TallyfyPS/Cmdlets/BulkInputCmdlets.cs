using System.Collections.Generic;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The input every bulk run cmdlet takes: -Id (strings, Id/RunId/run_id properties) or -InputObject (TallyfyRun), and -Force.</summary>
    public abstract class RunBulkCmdlet : BulkCmdlet
    {
        internal const string IdSet = "Id";
        internal const string ObjectSet = "InputObject";

        /// <summary>Ids of the runs; from the pipeline as strings or as an Id / RunId / run_id property (removal results too).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("RunId", "run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Runs from Get-TallyfyRun.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        public TallyfyRun[]? InputObject { get; set; }

        /// <summary>Do not prompt. -WhatIf still wins.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override string Noun => "run";
        internal override bool Forced => Force;
        internal override ResourceKind KindOf() => ResourceKind.Run;
        internal override int? ArgumentCount => ParameterSetName == ObjectSet ? InputObject?.Length : Id?.Length;

        internal override IEnumerable<WorkItem> ReadInput(string organizationId) =>
            ParameterSetName == ObjectSet ? InputReader.FromRuns(InputObject, organizationId) : InputReader.FromIds(Id, Noun);
    }

    /// <summary>The input every bulk task cmdlet takes: -Id (strings, Id/TaskId/task_id properties) or -InputObject (TallyfyTask), and -Force.</summary>
    public abstract class TaskBulkCmdlet : BulkCmdlet
    {
        internal const string IdSet = "Id";
        internal const string ObjectSet = "InputObject";

        /// <summary>Ids of one-off tasks; from the pipeline as strings or as an Id / TaskId / task_id property (removal results too).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("TaskId", "task_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Tasks from Get-TallyfyTask.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        public TallyfyTask[]? InputObject { get; set; }

        /// <summary>Do not prompt. -WhatIf still wins.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override string Noun => "task";
        internal override bool Forced => Force;
        internal override ResourceKind KindOf() => ResourceKind.Task;
        internal override int? ArgumentCount => ParameterSetName == ObjectSet ? InputObject?.Length : Id?.Length;

        internal override IEnumerable<WorkItem> ReadInput(string organizationId) =>
            ParameterSetName == ObjectSet ? InputReader.FromTasks(InputObject, organizationId) : InputReader.FromIds(Id, Noun);
    }
}
