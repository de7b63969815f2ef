using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TallyfyPS.Client
{
    /// <summary>A filtered list of tasks (the organization's, or a run's), in the terms of the cmdlets.</summary>
    internal sealed class TaskQuery
    {
        /// <summary>not-started, active, in-progress, completed, auto-skipped.</summary>
        public string? Status { get; set; }

        /// <summary>Tallyfy's q search on the title (organization list only).</summary>
        public string? Name { get; set; }

        /// <summary>Only one-off (standalone) tasks (organization list only).</summary>
        public bool OneOff { get; set; }

        public ArchivedFilter Archived { get; set; }

        public IReadOnlyList<long>? Owners { get; set; }

        public TaskInclude Include { get; set; }

        /// <summary>The query of the organization's task list.</summary>
        internal IReadOnlyList<KeyValuePair<string, string>> ToQuery()
        {
            var query = new List<KeyValuePair<string, string>>(ToRunTaskQuery());
            if (Name != null) query.Add(new KeyValuePair<string, string>("q", Name));
            if (OneOff) query.Add(new KeyValuePair<string, string>("is_oneoff", "true"));
            if (Archived == ArchivedFilter.Only) query.Add(new KeyValuePair<string, string>("archived", "only"));
            else if (Archived == ArchivedFilter.Include) query.Add(new KeyValuePair<string, string>("archived", "true"));
            if (Owners != null && Owners.Count > 0)
            {
                query.Add(new KeyValuePair<string, string>("owners", string.Join(",", Owners.Select(o => o.ToString(CultureInfo.InvariantCulture)))));
            }

            return query;
        }

        /// <summary>The query of a run's task list (status and includes only).</summary>
        internal IReadOnlyList<KeyValuePair<string, string>> ToRunTaskQuery()
        {
            var query = new List<KeyValuePair<string, string>>();
            if (Status != null) query.Add(new KeyValuePair<string, string>("status", Status.ToLowerInvariant()));
            if (With(Include) is string with) query.Add(new KeyValuePair<string, string>("with", with));
            return query;
        }

        internal static string? With(TaskInclude include)
        {
            var parts = new List<string>();
            if ((include & TaskInclude.Comments) != 0) parts.Add("threads");
            if ((include & TaskInclude.FormFields) != 0) parts.Add("form_fields");
            if ((include & TaskInclude.Run) != 0) parts.Add("run");
            if ((include & TaskInclude.Tags) != 0) parts.Add("tags");
            return parts.Count == 0 ? null : string.Join(",", parts);
        }
    }
}
