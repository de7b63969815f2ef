using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Gets Tallyfy templates (the API's checklists, the app's blueprints), with their kick-off fields: by id, the
    /// templates of runs from the pipeline, or listed with filters.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyTemplate", HelpUri = HelpLinks.Base + "Get-TallyfyTemplate.md", DefaultParameterSetName = ListSet)]
    [Alias("Get-TallyfyBlueprint", "Get-TallyfyChecklist")]
    [OutputType(typeof(TallyfyTemplate))]
    public sealed class GetTallyfyTemplateCommand : SessionCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private const string ObjectSet = "InputObject";

        /// <summary>Ids of templates.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("TemplateId", "BlueprintId", "checklist_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(TemplateIdCompleter))]
        public string?[]? Id { get; set; }

        /// <summary>From the pipeline: templates, template ids, runs and tasks (their template), or objects with a TemplateId, BlueprintId, checklist_id or Id property.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>Only templates whose title matches: Tallyfy searches for the text (a TemplateNotFound error, with the nearest title, when none has it); wildcards (* ?) are then matched against the whole title.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("Title")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TemplateNameCompleter))]
        public string? Name { get; set; }

        /// <summary>Only templates in this state.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("active", "draft", IgnoreCase = true)]
        public string? Status { get; set; }

        /// <summary>Only templates of this type.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("procedure", "form", "document", IgnoreCase = true)]
        public string? Type { get; set; }

        /// <summary>List archived templates too (they are hidden by default). -Archived is the 0.2.0 name.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("Archived")]
        public SwitchParameter IncludeArchived { get; set; }

        /// <summary>List archived templates only.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter ArchivedOnly { get; set; }

        /// <summary>Related data to read with each template (its kick-off fields always come).</summary>
        [Parameter]
        [ValidateSet("Steps", "Tags", IgnoreCase = true)]
        public string[]? Include { get; set; }

        /// <summary>At most this many templates.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong First { get; set; } = ulong.MaxValue;

        /// <summary>Reads in flight at once for -Id. Default 16.</summary>
        [Parameter(ParameterSetName = IdSet)]
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        private TemplateInclude Includes => (Include ?? Array.Empty<string>())
            .Aggregate(TemplateInclude.None, (all, one) => all | (TemplateInclude)Enum.Parse(typeof(TemplateInclude), one, ignoreCase: true));

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (ParameterSetName == ListSet)
            {
                List();
                return;
            }

            var reader = new InputReader(Noun.Template.Input, Organization, MyInvocation.MyCommand.Name);
            string org = Organization;
            TemplateInclude include = Includes;
            TallyfyApi api = Api;
            TallyfyOperations ops = Ops;
            OrderedWorkQueue queue = Queue(ThrottleLimit);
            foreach (WorkItem item in ParameterSetName == IdSet ? reader.FromIds(Id) : reader.FromObjects(InputObject))
            {
                queue.Add(new ReadEntry<TallyfyTemplate>(this, item, Noun.Template, async requests =>
                {
                    TallyfyTemplate template = await api.GetTemplateAsync(org, item.Id, include, requests).ConfigureAwait(false);
                    await NameAssigneesAsync(ops, org, new[] { template }, requests.Context).ConfigureAwait(false);
                    return template;
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
            WildcardPattern? pattern = Name != null && WildcardPattern.ContainsWildcardCharacters(Name)
                ? new WildcardPattern(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)
                : null;
            var query = new TemplateQuery
            {
                // The service searches for text: the longest run of the pattern without wildcards narrows the list.
                Name = pattern is null ? Name : Literal(Name!),
                Status = Status,
                Type = Type,
                Archived = ArchivedOnly ? ArchivedFilter.Only : IncludeArchived ? ArchivedFilter.Include : ArchivedFilter.Exclude,
                Include = Includes,
            };
            // With a pattern the service's count is not this list's, so read every page and count here.
            PagedWalker<TallyfyTemplate> walker = Api.ListTemplates(Organization, query, pattern is null ? First : ulong.MaxValue);
            bool any = false;
            TallyfyOperations ops = Ops;
            string org = Organization;
            WalkPages(walker, Noun.Template, First, keep: t =>
            {
                bool keep = pattern is null || pattern.IsMatch(t.Title);
                any |= keep;
                return keep;
            }, prepare: (page, context) => NameAssigneesAsync(ops, org, page, context));
            if (!any && pattern is null && Name != null && First > 0)
            {
                // A name without wildcards that matches nothing is an error, as a path is to Get-ChildItem: say what was meant.
                WriteError(Errors.TemplateNameNotFound("-Name", Name, Organization, TemplateArguments.Nearest(this, Api, Organization, Name)));
            }
        }

        /// <summary>Names the step assignees of templates read with their steps: members by email, groups by name.</summary>
        private static Task NameAssigneesAsync(TallyfyOperations ops, string organizationId, IEnumerable<TallyfyTemplate> templates, CallContext context) =>
            ops.NameOwnersAsync(organizationId, templates.SelectMany(t => t.Steps).Select(s => s.Assignees), context);

        /// <summary>The longest piece of a wildcard pattern without wildcards (null when there is none).</summary>
        private static string? Literal(string pattern)
        {
            string best = pattern.Split('*', '?', '[', ']').OrderByDescending(p => p.Length).FirstOrDefault() ?? string.Empty;
            return best.Trim().Length == 0 ? null : best;
        }
    }
}
