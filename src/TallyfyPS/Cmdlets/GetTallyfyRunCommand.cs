using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Gets Tallyfy runs (processes): by id, or listed with filters, streaming page by page.</summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyRun", HelpUri = HelpLinks.Base + "Get-TallyfyRun.md", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(TallyfyRun))]
    public sealed class GetTallyfyRunCommand : SessionCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private const string ObjectSet = "InputObject";

        /// <summary>Ids of runs to get.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("RunId", "run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string?[]? Id { get; set; }

        /// <summary>Runs to read again, run ids, results of other run cmdlets, or objects with an Id, RunId or run_id property.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>Only runs in this state (problem includes issue: the runs with an open issue; starred: the starred runs).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("active", "complete", "problem", "delayed", "archived", "issue", "improvement", "starred", IgnoreCase = true)]
        public string? Status { get; set; }

        /// <summary>Only runs whose name contains this text (Tallyfy's q search); with wildcards (* ? [ ]), whose whole name matches.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("Query", "Search")]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Only runs launched from this template (the API's checklist). -BlueprintId is its 0.2.0 name.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("BlueprintId", "ChecklistId", "checklist_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TemplateIdCompleter))]
        public string? TemplateId { get; set; }

        /// <summary>Only runs with every one of these tags: ids or titles (resolved to ids before the listing).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[]? Tag { get; set; }

        /// <summary>Only runs in this folder: its id, name or path (resolved to the id before the listing).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(FolderNameCompleter))]
        public string? Folder { get; set; }

        /// <summary>Only runs owned by these members: user ids, emails or users.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("OwnerId")]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public object[]? Owner { get; set; }

        /// <summary>Only runs of this type.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("procedure", "form", "document", IgnoreCase = true)]
        public string? Type { get; set; }

        /// <summary>List archived runs too (they are hidden by default).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("Archived")]
        public SwitchParameter IncludeArchived { get; set; }

        /// <summary>List archived runs only (the same as -Status archived).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter ArchivedOnly { get; set; }

        /// <summary>Only runs completed before this date and time (runs not completed never match).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [DateArgument(dateTime: true)]
        public DateTime? CompletedBefore { get; set; }

        /// <summary>Only runs created (launched) before this date and time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [DateArgument(dateTime: true)]
        public DateTime? CreatedBefore { get; set; }

        /// <summary>Only runs last updated before this date and time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [DateArgument(dateTime: true)]
        public DateTime? LastUpdatedBefore { get; set; }

        /// <summary>Only runs archived before this date and time (lists archived runs only).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [DateArgument(dateTime: true)]
        public DateTime? ArchivedBefore { get; set; }

        /// <summary>
        /// Only runs older than this (a TimeSpan, or a number of days): completed that long ago with -Status complete,
        /// archived that long ago with -Status archived or -ArchivedOnly, otherwise last updated that long ago.
        /// </summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNull]
        public object? OlderThan { get; set; }

        private TimeSpan? _age;

        /// <summary>Related data to fetch with each run.</summary>
        [Parameter]
        [ValidateSet("Template", "Blueprint", "Checklist", "Tasks", "Tags", "FormFields", "KickoffFields", "Comments", "Folders", IgnoreCase = true)]
        public string[]? Include { get; set; }

        /// <summary>At most this many runs.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong First { get; set; } = ulong.MaxValue;

        /// <summary>Leave out this many runs at the start of the list.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong Skip { get; set; }

        /// <summary>Tell how many runs the list holds, on the Information stream.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeTotalCount { get; set; }

        /// <summary>Reads in flight at once for -Id. Default 16.</summary>
        [Parameter(ParameterSetName = IdSet)]
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        // "Template"; "Blueprint" (0.2.0) and "Checklist" (the API's word, 0.1.0) are kept for scripts.
        private RunInclude Includes => (Include ?? Array.Empty<string>())
            .Select(one => string.Equals(one, "Checklist", StringComparison.OrdinalIgnoreCase) || string.Equals(one, "Template", StringComparison.OrdinalIgnoreCase) ? nameof(RunInclude.Blueprint) : one)
            .Aggregate(RunInclude.None, (all, one) => all | (RunInclude)Enum.Parse(typeof(RunInclude), one, ignoreCase: true));

        /// <summary>Whether a listed run is in the state -Status names, as Tallyfy's filter means it (problem takes issue runs too).</summary>
        private static bool HasStatus(TallyfyRun run, string status) =>
            string.Equals(status, "starred", StringComparison.OrdinalIgnoreCase) ? run.IsStarred
            : string.Equals(run.Status, status, StringComparison.OrdinalIgnoreCase)
              || (string.Equals(status, "problem", StringComparison.OrdinalIgnoreCase) && string.Equals(run.Status, "issue", StringComparison.OrdinalIgnoreCase));

        private bool StatusIsArchived => string.Equals(Status, "archived", StringComparison.OrdinalIgnoreCase);

        // -ArchivedBefore can only match archived runs: it lists them alone.
        private bool OnlyArchived => ArchivedOnly || StatusIsArchived || ArchivedBefore != null;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (TemplateId != null && Ids.Normalize(TemplateId) is null)
            {
                ThrowTerminatingError(Errors.InvalidId(Noun.Template, TemplateId, TemplateId));
            }

            if (OlderThan != null)
            {
                _age = Age(OlderThan);
                if (_age is null || _age <= TimeSpan.Zero)
                {
                    ThrowTerminatingError(Errors.InvalidAge(OlderThan));
                }
            }
        }

        /// <summary>-OlderThan as users write it: a TimeSpan, a number of days, or text that is either ('365', '30.12:00:00').</summary>
        private static TimeSpan? Age(object value)
        {
            object plain = value is PSObject ps ? ps.BaseObject : value;
            switch (plain)
            {
                case TimeSpan span:
                    return span;
                case int or long or short or byte or uint or ulong or ushort or sbyte:
                    return TimeSpan.FromDays(Convert.ToDouble(plain, CultureInfo.InvariantCulture));
                case double or float or decimal:
                    double days = Convert.ToDouble(plain, CultureInfo.InvariantCulture);
                    return double.IsNaN(days) || double.IsInfinity(days) || Math.Abs(days) > 3_650_000 ? null : TimeSpan.FromDays(days);
                case string text:
                    text = text.Trim();
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && Math.Abs(d) <= 3_650_000)
                    {
                        return TimeSpan.FromDays(d);
                    }

                    return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan parsed) ? parsed : (TimeSpan?)null;
                default:
                    return null;
            }
        }

        /// <summary>The retention filters as given, -OlderThan turned into the date it names (see its help).</summary>
        private RunDateFilter Dates()
        {
            static DateTimeOffset? At(DateTime? when) => when is DateTime w ? new DateTimeOffset(w.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(w, DateTimeKind.Local) : w) : (DateTimeOffset?)null;
            static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a < b ? a : b);
            var dates = new RunDateFilter
            {
                CompletedBefore = At(CompletedBefore),
                CreatedBefore = At(CreatedBefore),
                LastUpdatedBefore = At(LastUpdatedBefore),
                ArchivedBefore = At(ArchivedBefore),
            };
            if (_age is TimeSpan age)
            {
                DateTimeOffset cutoff = DateTimeOffset.Now - age;
                if (string.Equals(Status, "complete", StringComparison.OrdinalIgnoreCase) || string.Equals(Status, "completed", StringComparison.OrdinalIgnoreCase))
                {
                    dates.CompletedBefore = Earlier(dates.CompletedBefore, cutoff);
                }
                else if (ArchivedOnly || StatusIsArchived)
                {
                    dates.ArchivedBefore = Earlier(dates.ArchivedBefore, cutoff);
                }
                else
                {
                    dates.LastUpdatedBefore = Earlier(dates.LastUpdatedBefore, cutoff);
                }
            }

            return dates;
        }

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (ParameterSetName == ListSet)
            {
                List();
                return;
            }

            var reader = new InputReader(Noun.Run.Input, Organization, MyInvocation.MyCommand.Name);
            string org = Organization;
            RunInclude include = Includes;
            TallyfyOperations api = Ops;
            OrderedWorkQueue queue = Queue(ThrottleLimit);
            foreach (WorkItem item in ParameterSetName == IdSet ? reader.FromIds(Id) : reader.FromObjects(InputObject))
            {
                queue.Add(new ReadEntry<TallyfyRun>(this, item, Noun.Run, async requests =>
                {
                    TallyfyRun run = await api.Api.GetRunAsync(org, item.Id, include, requests).ConfigureAwait(false);
                    await api.LabelKickoffValuesAsync(org, new[] { run }, requests.Context).ConfigureAwait(false);
                    return run;
                }));
            }
        });

        protected override void EndProcessing() => Guarded(() =>
        {
            Queue(ThrottleLimit).Drain();
            Completed();
        });

        private void List()
        {
            // Tallyfy filters by one tag: the first goes to the service, the others are checked here on each run's tags.
            TallyfyTag[] tags = (Tag ?? Array.Empty<string>()).Select(t => TagArguments.Resolve(this, Api, Organization, t, "-Tag")).ToArray();
            var name = new WildcardFilter("-Name", Name is not null && WildcardPattern.ContainsWildcardCharacters(Name) ? new[] { Name } : null);
            var query = new RunQuery
            {
                // A wildcard pattern is matched here; its longest literal part narrows Tallyfy's q search.
                Name = name.IsActive ? name.SearchTerm : Name,
                Status = string.Equals(Status, "archived", StringComparison.OrdinalIgnoreCase) ? null : Status,
                BlueprintId = TemplateId is null ? null : Ids.Normalize(TemplateId),
                // Tallyfy's tag and folder filters take an id: a title or a name is resolved first (an unknown one stops here).
                Tag = tags.FirstOrDefault()?.Id,
                Folder = Folder is null ? null : FolderArguments.Resolve(this, Api, Organization, Folder, "-Folder").Id,
                Owners = Owner is null ? null : OwnerArguments.Resolve(this, Ops, Organization, Owner, OwnerKinds.Users, "-Owner").UserIds,
                Type = Type,
                Archived = OnlyArchived ? ArchivedFilter.Only : IncludeArchived ? ArchivedFilter.Include : ArchivedFilter.Exclude,
                Include = tags.Length > 1 ? Includes | RunInclude.Tags : Includes,
            };
            TallyfyTag[] more = tags.Skip(1).ToArray();
            bool HasTags(TallyfyRun run) => more.All(tag => run.Tags.Any(t =>
                string.Equals(t.Id, tag.Id, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Title, tag.Title, StringComparison.OrdinalIgnoreCase)));
            Func<TallyfyRun, bool>? matches = name.IsActive || more.Length > 0 ? run => name.Matches(run.Name) && HasTags(run) : null;
            RunDateFilter dates = Dates();
            if (dates.IsEmpty && matches is null)
            {
                PagedWalker<TallyfyRun> walker = Api.ListRuns(Organization, query, First, Skip);
                WalkPages(walker, Noun.Run, First, total: IncludeTotalCount ? t => WriteObject(TotalCounts.New(t, 1.0)) : null, skip: Skip, prepare: Label);
                return;
            }

            // Tallyfy has no date filter (nor wildcards, nor several tags): every listed run is checked here (-First and -Skip count the matches), in the
            // order of the date where the service sorts by it, so that paging can stop once the matches are behind.
            query.Sort = dates.IsEmpty ? query.Sort : dates.Sort;
            string? status = ArchivedBefore != null && Status != null && !StatusIsArchived ? Status : null;
            RunDateFilter.ListingEnd? end = dates.IsEmpty ? null : dates.NewEnd();
            WriteVerbose($"Runs {(dates.IsEmpty ? (name.IsActive ? $"named like '{Name}'" : "with every tag given") : dates.ToString())}: checked by TallyfyPS on each listed run{(end is null ? ", the whole listing read" : $", listed by {dates.Sort}")}.");
            ulong skipped = 0;
            bool Keep(TallyfyRun run)
            {
                if (!dates.Matches(run) || (matches != null && !matches(run)) || (status != null && !HasStatus(run, status)))
                {
                    return false;
                }

                return skipped++ >= Skip;
            }

            PagedWalker<TallyfyRun> all = Api.ListRuns(Organization, query);
            WalkPages(all, Noun.Run, First, Keep,
                // The service counts the runs before the date filters, the -Name pattern and further tags: an upper bound, so an estimate.
                total: IncludeTotalCount ? t => WriteObject(TotalCounts.New(t, 0.5)) : null, filtered: true, prepare: Label,
                pastEnd: end is null ? null : page =>
                {
                    bool past = end.IsPast(page);
                    if (past)
                    {
                        WriteVerbose($"Stopped paging: the service listed runs by {dates.Sort} and this page is past the cutoff.");
                    }

                    return past;
                });
        }

        /// <summary>A page's kick-off values by field label (each template's fields read once per session).</summary>
        private Task Label(IReadOnlyList<TallyfyRun> page, CallContext context) => Ops.LabelKickoffValuesAsync(Organization, page, context);
    }
}
