using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Gets Tallyfy tasks: by id, the tasks of runs, or the organization's tasks with filters.</summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyTask", HelpUri = HelpLinks.Base + "Get-TallyfyTask.md", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(TallyfyTask))]
    public sealed class GetTallyfyTaskCommand : SessionCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private const string RunIdSet = "RunId";
        private const string RunSet = "Run";
        private const string ObjectSet = "InputObject";
        private static readonly string[] RunIdNames = { "RunId", "run_id" };
        private static readonly string[] TaskIdNames = { "Id", "TaskId", "task_id" };

        /// <summary>Ids of tasks.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("TaskId", "task_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string?[]? Id { get; set; }

        /// <summary>
        /// From the pipeline: tasks to read again, task ids, or objects with an Id, TaskId or task_id property;
        /// and runs (or objects with only a RunId or run_id property), whose tasks are listed.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>Ids of runs whose tasks to list.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RunIdSet)]
        [Alias("run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string?[]? RunId { get; set; }

        /// <summary>Runs whose tasks to list.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RunSet)]
        public TallyfyRun[]? Run { get; set; }

        /// <summary>Only tasks in this state.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = RunIdSet)]
        [Parameter(ParameterSetName = RunSet)]
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateSet("not-started", "active", "in-progress", "completed", "auto-skipped", IgnoreCase = true)]
        public string? Status { get; set; }

        /// <summary>Only tasks whose title contains this text; with wildcards (* ? [ ]), whose whole title matches.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("Title", "Query")]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Only one-off (standalone) tasks.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter OneOff { get; set; }

        /// <summary>List archived tasks too (they are hidden by default).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("Archived")]
        public SwitchParameter IncludeArchived { get; set; }

        /// <summary>Only archived tasks.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter ArchivedOnly { get; set; }

        /// <summary>Only tasks assigned to these members: user ids, emails or users.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("OwnerId")]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public object[]? Owner { get; set; }

        /// <summary>Related data to fetch with each task.</summary>
        [Parameter]
        [ValidateSet("Comments", "FormFields", "Run", "Tags", IgnoreCase = true)]
        public string[]? Include { get; set; }

        /// <summary>At most this many tasks (of each run).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = RunIdSet)]
        [Parameter(ParameterSetName = RunSet)]
        public ulong First { get; set; } = ulong.MaxValue;

        /// <summary>Leave out this many tasks at the start of the list (of each run).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = RunIdSet)]
        [Parameter(ParameterSetName = RunSet)]
        public ulong Skip { get; set; }

        /// <summary>Tell how many tasks the list holds, on the Information stream.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = RunIdSet)]
        [Parameter(ParameterSetName = RunSet)]
        public SwitchParameter IncludeTotalCount { get; set; }

        /// <summary>Reads in flight at once for -Id. Default 16.</summary>
        [Parameter(ParameterSetName = IdSet)]
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        private TaskInclude Includes => (Include ?? Array.Empty<string>())
            .Aggregate(TaskInclude.None, (all, one) => all | (TaskInclude)Enum.Parse(typeof(TaskInclude), one, ignoreCase: true));

        protected override void ProcessRecord() => Guarded(() =>
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (WorkItem item in Reader.FromIds(Id))
                    {
                        GetOne(item);
                    }

                    break;
                case ObjectSet:
                    foreach (PSObject? input in InputObject ?? new PSObject?[] { null })
                    {
                        if (RunOf(input) is object run)
                        {
                            ListOfRuns(RunReader.FromObjects(new[] { PSObject.AsPSObject(run) }));
                        }
                        else
                        {
                            GetOne(Reader.FromObjects(new[] { input }).Single());
                        }
                    }

                    break;
                case RunIdSet:
                    ListOfRuns(RunReader.FromIds(RunId));
                    break;
                case RunSet:
                    ListOfRuns(RunReader.FromObjects(Run?.Select(PSObject.AsPSObject)));
                    break;
                default:
                    ListOrganization();
                    break;
            }
        });

        protected override void EndProcessing() => Guarded(() =>
        {
            Queue(ThrottleLimit).Drain();
            Completed();
        });

        private InputReader Reader => new InputReader(Noun.Task.Input, Organization, MyInvocation.MyCommand.Name);

        private InputReader RunReader => new InputReader(Noun.Run.Input, Organization, MyInvocation.MyCommand.Name);

        private void GetOne(WorkItem item)
        {
            string org = Organization;
            TaskInclude include = Includes;
            TallyfyOperations api = Ops;
            Queue(ThrottleLimit).Add(new ReadEntry<TallyfyTask>(this, item, Noun.Task, async requests =>
            {
                TallyfyTask task = await api.Api.GetTaskAsync(org, item.Id, include, requests).ConfigureAwait(false);
                await api.NameOwnersAsync(org, new[] { task }, requests.Context).ConfigureAwait(false);
                return task;
            }));
        }

        private void ListOfRuns(IEnumerable<WorkItem> runs)
        {
            Queue(ThrottleLimit).Drain(); // tasks read by id before these come first, in input order
            foreach (WorkItem run in runs)
            {
                if (run.Refusal != null)
                {
                    WriteError(run.Refusal);
                    continue;
                }

                var query = new TaskQuery { Status = Status, Include = Includes };
                WalkPages(Api.ListRunTasks(Organization, run.Id, query, First, Skip), Noun.Run, First, total: Total(), skip: Skip, listed: "tasks", prepare: NameOwners);
            }
        }

        private void ListOrganization()
        {
            // A wildcard pattern is matched here (its longest literal part narrows Tallyfy's search); -First and -Skip count the matches.
            var title = new WildcardFilter("-Title", Name is not null && WildcardPattern.ContainsWildcardCharacters(Name) ? new[] { Name } : null);
            var query = new TaskQuery
            {
                Status = Status,
                Name = title.IsActive ? title.SearchTerm : Name,
                OneOff = OneOff,
                Archived = ArchivedOnly ? ArchivedFilter.Only : IncludeArchived ? ArchivedFilter.Include : ArchivedFilter.Exclude,
                Owners = Owner is null ? null : OwnerArguments.Resolve(this, Ops, Organization, Owner, OwnerKinds.Users, "-Owner").UserIds,
                Include = Includes,
            };
            if (!title.IsActive)
            {
                WalkPages(Api.ListTasks(Organization, query, First, Skip), Noun.Task, First, total: Total(), skip: Skip, prepare: NameOwners);
                return;
            }

            // The service counts the tasks before the -Title pattern: an upper bound, so an estimate.
            ulong skipped = 0;
            WalkPages(Api.ListTasks(Organization, query), Noun.Task, First, task => title.Matches(task.Title) && skipped++ >= Skip, total: Total(0.5), prepare: NameOwners);
        }

        /// <summary>The owners of a page's tasks by email and group name (the members and groups read once per session).</summary>
        private Task NameOwners(IReadOnlyList<TallyfyTask> page, CallContext context) => Ops.NameOwnersAsync(Organization, page, context);

        private Action<int?>? Total(double accuracy = 1.0) =>
            IncludeTotalCount ? t => WriteObject(TotalCounts.New(t, accuracy)) : (Action<int?>?)null;

        /// <summary>A piped run (or run result, or object naming only a run), whose tasks are to be listed; null for task input.</summary>
        private static object? RunOf(PSObject? input)
        {
            object? value = input?.BaseObject;
            if (value is TallyfyRun || value is TallyfyRunRemovalResult || value is TallyfyRunRestoreResult)
            {
                return value;
            }

            if (value is null || value is string || value is TallyfyTask || input is null)
            {
                return null;
            }

            bool hasTaskId = TaskIdNames.Any(n => input.Properties[n] != null);
            bool hasRunId = RunIdNames.Any(n => input.Properties[n] != null);
            return hasRunId && !hasTaskId ? input : null;
        }
    }
}
