using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TallyfyPS.Client
{
    /// <summary>A filtered list of runs, in the terms of the cmdlets; <see cref="ToQuery"/> speaks the API's.</summary>
    internal sealed class RunQuery
    {
        /// <summary>Tallyfy's q search on the name.</summary>
        public string? Name { get; set; }

        /// <summary>active, complete, problem, delayed (archived: use <see cref="Archived"/>).</summary>
        public string? Status { get; set; }

        public string? BlueprintId { get; set; }

        public string? Tag { get; set; }

        /// <summary>A folder's id.</summary>
        public string? Folder { get; set; }

        public IReadOnlyList<long>? Owners { get; set; }

        public string? Type { get; set; }

        public ArchivedFilter Archived { get; set; }

        public RunInclude Include { get; set; }

        /// <summary>The service's sort (created_at, completed_at, last_updated, -created_at, ...); null: its default.</summary>
        public string? Sort { get; set; }

        internal IReadOnlyList<KeyValuePair<string, string>> ToQuery()
        {
            var query = new List<KeyValuePair<string, string>>();
            void Add(string key, string? value)
            {
                if (value != null)
                {
                    query.Add(new KeyValuePair<string, string>(key, value));
                }
            }

            Add("q", Name);
            Add("status", Archived == ArchivedFilter.Only ? "archived" : Status?.ToLowerInvariant());
            Add("checklist_id", BlueprintId);
            Add("tag", Tag);
            Add("folder", Folder);
            Add("type", Type?.ToLowerInvariant());
            Add("owners", Owners is null || Owners.Count == 0 ? null : string.Join(",", Owners.Select(o => o.ToString(CultureInfo.InvariantCulture))));
            Add("archived", Archived == ArchivedFilter.Include ? "true" : null);
            Add("with", With(Include, single: false));
            Add("sort", Sort);
            return query;
        }

        /// <summary>The with= value for the includes; a single run can take nested relations too.</summary>
        internal static string? With(RunInclude include, bool single)
        {
            var parts = new List<string>();
            if ((include & RunInclude.Blueprint) != 0) parts.Add("checklist");
            if ((include & RunInclude.Tasks) != 0) parts.Add("tasks");
            if ((include & RunInclude.Tags) != 0) parts.Add("tags");
            if ((include & RunInclude.Folders) != 0) parts.Add("folders");
            if ((include & RunInclude.FormFields) != 0)
            {
                parts.Add("form_fields");
                if (single) parts.Add("tasks.form_fields");
            }

            if ((include & RunInclude.KickoffFields) != 0) parts.Add("ko_form_fields");
            if ((include & RunInclude.Comments) != 0)
            {
                parts.Add("tasks");
                parts.Add("tasks.threads");
                if (single) parts.Add("threads"); // the run's own (process-level) threads
            }

            return parts.Count == 0 ? null : string.Join(",", parts.Distinct());
        }
    }
}
