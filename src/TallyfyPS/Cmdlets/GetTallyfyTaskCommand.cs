using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Gets Tallyfy tasks: by id, the tasks of runs, or the organization's tasks with filters.</summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyTask", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(TallyfyTask))]
    public sealed class GetTallyfyTaskCommand : TallyfyCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private const string RunIdSet = "RunId";
        private const string RunSet = "Run";
        private const string ObjectSet = "InputObject";

        /// <summary>Ids of tasks; from the pipeline as strings or as an Id / TaskId / task_id property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("TaskId", "task_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Tasks to read again (refreshes their state).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        public TallyfyTask[]? InputObject { get; set; }

        /// <summary>Ids of runs whose tasks to list; from the pipeline as a RunId / run_id property.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = RunIdSet)]
        [Alias("run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string[]? RunId { get; set; }

        /// <summary>Runs whose tasks to list (Get-TallyfyRun | Get-TallyfyTask).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RunSet)]
        public TallyfyRun[]? Run { get; set; }

        /// <summary>Only tasks in this state.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = RunIdSet)]
        [Parameter(ParameterSetName = RunSet)]
        [ValidateSet("not-started", "active", "in-progress", "completed", "auto-skipped", IgnoreCase = true)]
        public string? Status { get; set; }

        /// <summary>Only tasks whose title contains this text.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("Title", "Query")]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Only one-off (standalone) tasks.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter OneOff { get; set; }

        /// <summary>Include archived tasks (hidden by default).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("IncludeArchived")]
        public SwitchParameter Archived { get; set; }

        /// <summary>Only archived tasks.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter ArchivedOnly { get; set; }

        /// <summary>Only tasks assigned to these user ids.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("OwnerId")]
        public long[]? Owner { get; set; }

        /// <summary>Related data to fetch with each task.</summary>
        [Parameter]
        [ValidateSet("Comments", "FormFields", "Run", "Tags", IgnoreCase = true)]
        public string[]? Include { get; set; }

        /// <summary>Reads in flight at once for -Id. Default 16.</summary>
        [Parameter(ParameterSetName = IdSet)]
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = BulkCmdlet.DefaultThrottleLimit;

        private string? With => Include is null || Include.Length == 0 ? null : string.Join(",", Include.Select(i => i.ToLowerInvariant() switch
        {
            "comments" => "threads",
            "formfields" => "form_fields",
            "run" => "run",
            _ => "tags",
        }).Distinct());

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _ = CurrentSession;
        }

        protected override void ProcessRecord()
        {
            string org = Organization;
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (string? raw in Id ?? new string?[] { null })
                    {
                        GetOne(org, raw, raw);
                    }

                    break;
                case ObjectSet:
                    foreach (TallyfyTask task in InputObject ?? new TallyfyTask[0])
                    {
                        if (InputReader.OrganizationMismatch("task", task.OrganizationId, org, task.Id, task) is ErrorRecord mismatch)
                        {
                            StartOrdered(_ => System.Threading.Tasks.Task.FromResult<Action>(() => WriteError(mismatch)), ThrottleLimit);
                            continue;
                        }

                        GetOne(org, task.Id, task);
                    }

                    break;
                case RunIdSet:
                    foreach (string? raw in RunId ?? new string?[] { null })
                    {
                        ListOfRun(org, raw, raw);
                    }

                    break;
                case RunSet:
                    foreach (TallyfyRun run in Run ?? new TallyfyRun[0])
                    {
                        if (InputReader.OrganizationMismatch("run", run.OrganizationId, org, run.Id, run) is ErrorRecord mismatch)
                        {
                            WriteError(mismatch);
                            continue;
                        }

                        ListOfRun(org, run.Id, run);
                    }

                    break;
                default:
                    ListOrganization(org);
                    break;
            }
        }

        protected override void EndProcessing()
        {
            DrainOrdered(all: true);
        }

        private void GetOne(string org, string? raw, object? target)
        {
            string? id = Ids.Normalize(raw);
            if (id is null)
            {
                ErrorRecord invalid = InvalidId("task", raw, target);
                StartOrdered(_ => System.Threading.Tasks.Task.FromResult<Action>(() => WriteError(invalid)), ThrottleLimit);
                return;
            }

            string? with = With;
            TallyfyClient api = Api;
            StartOrdered(async ct =>
            {
                try
                {
                    var query = with is null ? null : new[] { new KeyValuePair<string, string>("with", with) };
                    using ApiResponse r = await api.SendAsync(HttpMethod.Get, ResourceKind.Task.PathOf(org, id), query, cancellationToken: ct).ConfigureAwait(false);
                    r.EnsureSuccess();
                    TallyfyTask task = Mapper.Task(r.Data(), org);
                    return () => WriteObject(task);
                }
                catch (TallyfyApiException ex)
                {
                    ErrorRecord error = ApiError(ex, "task", id, null, target);
                    return () => WriteError(error);
                }
            }, ThrottleLimit);
        }

        private void ListOfRun(string org, string? raw, object? target)
        {
            string? runId = Ids.Normalize(raw);
            if (runId is null)
            {
                WriteError(InvalidId("run", raw, target));
                return;
            }

            var query = new List<KeyValuePair<string, string>>();
            AddCommon(query);
            WalkPages(new PagedWalker<TallyfyTask>(Api, ResourceKind.Run.PathOf(org, runId) + "/tasks", query, PageSize(100),
                e => WithRun(Mapper.Task(e, org), runId), t => t.Id, (long)Math.Min(PagingParameters.Skip, int.MaxValue)), "run",
                // The tasks-of-a-run list may ignore filters: apply -Status here as well.
                Status is null ? null : new Func<TallyfyTask, bool>(t => string.Equals(t.Status, Status, StringComparison.OrdinalIgnoreCase)));
        }

        private static TallyfyTask WithRun(TallyfyTask task, string runId)
        {
            if (task.RunId is null)
            {
                task.RunId = runId;
                task.IsOneOff = false;
            }

            return task;
        }

        private void ListOrganization(string org)
        {
            var query = new List<KeyValuePair<string, string>>();
            AddCommon(query);
            if (Name != null) query.Add(new KeyValuePair<string, string>("q", Name));
            if (OneOff) query.Add(new KeyValuePair<string, string>("is_oneoff", "true"));
            if (ArchivedOnly) query.Add(new KeyValuePair<string, string>("archived", "only"));
            else if (Archived) query.Add(new KeyValuePair<string, string>("archived", "true"));
            if (Owner != null && Owner.Length > 0)
            {
                query.Add(new KeyValuePair<string, string>("owners", string.Join(",", Owner.Select(o => o.ToString(CultureInfo.InvariantCulture)))));
            }

            WalkPages(new PagedWalker<TallyfyTask>(Api, "organizations/" + TallyfyClient.Segment(org) + "/tasks", query, PageSize(100),
                e => Mapper.Task(e, org), t => t.Id, (long)Math.Min(PagingParameters.Skip, int.MaxValue)), "task");
        }

        private void AddCommon(List<KeyValuePair<string, string>> query)
        {
            if (Status != null) query.Add(new KeyValuePair<string, string>("status", Status.ToLowerInvariant()));
            if (With != null) query.Add(new KeyValuePair<string, string>("with", With));
        }
    }

    /// <summary>Creates a one-off (standalone) task.</summary>
    [Cmdlet(VerbsCommon.New, "TallyfyTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TallyfyTask))]
    public sealed class NewTallyfyTaskCommand : TallyfyCmdlet
    {
        /// <summary>The task's title.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 600)]
        public string Title { get; set; } = string.Empty;

        /// <summary>When the task is due.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("DueDate")]
        public DateTimeOffset? Deadline { get; set; }

        /// <summary>User ids to assign the task to.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("OwnerId", "Assignee")]
        public long[]? Owner { get; set; }

        /// <summary>The kind of task. Default task.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("task", "approval", "expiring", "email", "expiring_email", IgnoreCase = true)]
        public string TaskType { get; set; } = "task";

        /// <summary>What the task asks for.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Summary")]
        public string? Description { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _ = CurrentSession;
        }

        protected override void ProcessRecord()
        {
            string org = Organization;
            if (!ShouldProcess($"'{Title}' in organization {org}", "Create one-off task"))
            {
                return;
            }

            var body = new Dictionary<string, object?>
            {
                ["title"] = Title,
                ["task_type"] = TaskType.ToLowerInvariant(),
                ["owners"] = new Dictionary<string, object>
                {
                    ["users"] = Owner ?? new long[0],
                    ["guests"] = new string[0],
                    ["groups"] = new string[0],
                },
            };
            if (Deadline.HasValue)
            {
                body["deadline"] = Deadline.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            }

            if (Description != null)
            {
                body["description"] = Description;
            }

            TallyfyClient api = Api;
            try
            {
                TallyfyTask task = Run(async ct =>
                {
                    using ApiResponse r = await api.SendAsync(HttpMethod.Post, "organizations/" + TallyfyClient.Segment(org) + "/tasks", null, body, cancellationToken: ct).ConfigureAwait(false);
                    r.EnsureSuccess();
                    return Mapper.Task(r.Data(), org);
                });
                WriteObject(task);
            }
            catch (TallyfyApiException ex)
            {
                WriteError(ApiError(ex, "task", "(new)", Title, Title));
            }
        }
    }
}
