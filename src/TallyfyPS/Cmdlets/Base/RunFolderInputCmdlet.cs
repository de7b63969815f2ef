using System.Collections.Generic;
using System.Management.Automation;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Parameters only: what Add-TallyfyRunFolder and Remove-TallyfyRunFolder take: -RunId or runs from the pipeline,
    /// -Folder by id, path, name or object, -Force, -ThrottleLimit and -Journal.
    /// </summary>
    public abstract class RunFolderInputCmdlet : SessionCmdlet
    {
        internal const string IdSet = "Id";
        internal const string ObjectSet = "InputObject";

        /// <summary>Ids of the runs.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("Id", "run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string?[]? RunId { get; set; }

        /// <summary>The folder of runs: its id, its path (Finance/Archive 2024), its name, or a folder from Get-TallyfyFolder -Type Run.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public object? Folder { get; set; }

        /// <summary>Runs, ids, results of other TallyfyPS cmdlets, or objects with an id property, from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>Do not prompt. -WhatIf still wins.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many requests may be in flight at once. Default 16.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>
        /// A file that records each item's outcome the moment it is known. Run the same command again with the same
        /// journal (after a crash, a restart, Ctrl+C) and items already settled get their recorded result, with nothing
        /// sent for them.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Journal { get; set; }

        /// <summary>The items of this ProcessRecord call: the ids given, or what came from the pipeline.</summary>
        internal IEnumerable<WorkItem> Input(InputReader reader) =>
            ParameterSetName == ObjectSet ? reader.FromObjects(InputObject) : reader.FromIds(RunId);

        /// <summary>How many items the call was given as an argument (for progress).</summary>
        internal int? ArgumentCount => ParameterSetName == ObjectSet ? InputObject?.Length : RunId?.Length;
    }
}
