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
    /// <summary>Gets Tallyfy runs (processes): by id, or listed with filters, streaming page by page.</summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyRun", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(TallyfyRun))]
    public sealed class GetTallyfyRunCommand : TallyfyCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private const string ObjectSet = "InputObject";
        internal const int MaxPageSize = 100;

        /// <summary>Ids of runs to get; from the pipeline as strings or as an Id / RunId / run_id property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("RunId", "run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Runs to read again (refreshes their state, or adds -Include data).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        public TallyfyRun[]? InputObject { get; set; }

        /// <summary>Only runs in this state.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("active", "complete", "problem", "delayed", "archived", IgnoreCase = true)]
        public string? Status { get; set; }

        /// <summary>Only runs whose name contains this text (Tallyfy's q search).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("Query", "Search")]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Only runs launched from this blueprint (checklist).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("ChecklistId", "checklist_id")]
        [ValidateNotNullOrEmpty]
        public string? BlueprintId { get; set; }

        /// <summary>Only runs with this tag.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Tag { get; set; }

        /// <summary>Only runs owned by these user ids.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("OwnerId")]
        public long[]? Owner { get; set; }

        /// <summary>Only runs of this type.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("procedure", "form", "document", IgnoreCase = true)]
        public string? Type { get; set; }

        /// <summary>List archived runs too (they are hidden by default).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("Archived")]
        public SwitchParameter IncludeArchived { get; set; }

        /// <summary>Related data to fetch with each run.</summary>
        [Parameter]
        [ValidateSet("Checklist", "Tasks", "Tags", "FormFields", "KickoffFields", "Comments", IgnoreCase = true)]
        public string[]? Include { get; set; }

        /// <summary>Reads in flight at once for -Id. Default 16.</summary>
        [Parameter(ParameterSetName = IdSet)]
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = BulkCmdlet.DefaultThrottleLimit;

        internal static string? WithOf(string[]? include, bool single)
        {
            if (include is null || include.Length == 0)
            {
                return null;
            }

            var parts = new List<string>();
            foreach (string part in include.Select(i => i.ToLowerInvariant()).Distinct())
            {
                switch (part)
                {
                    case "checklist": parts.Add("checklist"); break;
                    case "tasks": parts.Add("tasks"); break;
                    case "tags": parts.Add("tags"); break;
                    case "formfields": parts.Add("form_fields"); if (single) parts.Add("tasks.form_fields"); break;
                    case "kickofffields": parts.Add("ko_form_fields"); break;
                    case "comments": parts.Add("tasks"); parts.Add("tasks.threads"); break;
                }
            }

            return string.Join(",", parts.Distinct());
        }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _ = CurrentSession;
            if (BlueprintId != null && Ids.Normalize(BlueprintId) is null)
            {
                ThrowTerminatingError(InvalidId("blueprint", BlueprintId, BlueprintId));
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                GetByIds(Id ?? new string?[] { null });
            }
            else if (ParameterSetName == ObjectSet)
            {
                string org = Organization;
                foreach (TallyfyRun run in InputObject ?? new TallyfyRun[0])
                {
                    if (InputReader.OrganizationMismatch("run", run.OrganizationId, org, run.Id, run) is ErrorRecord mismatch)
                    {
                        StartOrdered(_ => System.Threading.Tasks.Task.FromResult<Action>(() => WriteError(mismatch)), ThrottleLimit);
                        continue;
                    }

                    GetByIds(new string?[] { run.Id });
                }
            }
            else
            {
                List();
            }
        }

        protected override void EndProcessing()
        {
            DrainOrdered(all: true);
        }

        private void GetByIds(IEnumerable<string?> ids)
        {
            string org = Organization;
            string? with = WithOf(Include, single: true);
            TallyfyClient api = Api;
            foreach (string? raw in ids)
            {
                string? id = Ids.Normalize(raw);
                if (id is null)
                {
                    ErrorRecord invalid = InvalidId("run", raw, raw);
                    StartOrdered(_ => System.Threading.Tasks.Task.FromResult<Action>(() => WriteError(invalid)), ThrottleLimit);
                    continue;
                }

                StartOrdered(async ct =>
                {
                    try
                    {
                        var query = with is null ? null : new[] { new KeyValuePair<string, string>("with", with) };
                        using ApiResponse r = await api.SendAsync(HttpMethod.Get, ResourceKind.Run.PathOf(org, id), query, cancellationToken: ct).ConfigureAwait(false);
                        r.EnsureSuccess();
                        TallyfyRun run = Mapper.Run(r.Data(), org);
                        return () => WriteObject(run);
                    }
                    catch (TallyfyApiException ex)
                    {
                        ErrorRecord error = ApiError(ex, "run", id, null, raw);
                        return () => WriteError(error);
                    }
                }, ThrottleLimit);
            }
        }

        private void List()
        {
            string org = Organization;
            var query = new List<KeyValuePair<string, string>>();
            void Add(string key, string? value)
            {
                if (value != null)
                {
                    query.Add(new KeyValuePair<string, string>(key, value));
                }
            }

            Add("q", Name);
            Add("status", Status?.ToLowerInvariant());
            Add("checklist_id", BlueprintId is null ? null : Ids.Normalize(BlueprintId));
            Add("tag", Tag);
            Add("type", Type?.ToLowerInvariant());
            Add("owners", Owner is null || Owner.Length == 0 ? null : string.Join(",", Owner.Select(o => o.ToString(CultureInfo.InvariantCulture))));
            if (IncludeArchived && !string.Equals(Status, "archived", StringComparison.OrdinalIgnoreCase))
            {
                Add("archived", "true");
            }

            Add("with", WithOf(Include, single: false));
            WalkPages(new PagedWalker<TallyfyRun>(Api, "organizations/" + TallyfyClient.Segment(org) + "/runs", query, PageSize(MaxPageSize),
                e => Mapper.Run(e, org), r => r.Id, (long)Math.Min(PagingParameters.Skip, int.MaxValue)), "run");
        }

    }
}
