using System.Collections.Generic;

namespace TallyfyPS.Client
{
    /// <summary>A filtered list of templates, in the terms of the cmdlets; <see cref="ToQuery"/> speaks the API's.</summary>
    internal sealed class TemplateQuery
    {
        /// <summary>Tallyfy's q search on the title.</summary>
        public string? Name { get; set; }

        /// <summary>active, draft.</summary>
        public string? Status { get; set; }

        /// <summary>procedure, form, document.</summary>
        public string? Type { get; set; }

        public ArchivedFilter Archived { get; set; }

        public TemplateInclude Include { get; set; }

        internal IReadOnlyList<KeyValuePair<string, string>> ToQuery()
        {
            var query = new List<KeyValuePair<string, string>>();
            if (Name != null) query.Add(new KeyValuePair<string, string>("q", Name));
            if (Status != null) query.Add(new KeyValuePair<string, string>("status", Status.ToLowerInvariant()));
            if (Type != null) query.Add(new KeyValuePair<string, string>("type", Type.ToLowerInvariant()));
            if (Archived == ArchivedFilter.Only) query.Add(new KeyValuePair<string, string>("archived", "only"));
            else if (Archived == ArchivedFilter.Include) query.Add(new KeyValuePair<string, string>("archived", "true"));
            if (With(Include) is string with) query.Add(new KeyValuePair<string, string>("with", with));
            return query;
        }

        internal static string? With(TemplateInclude include)
        {
            var parts = new List<string>();
            if ((include & TemplateInclude.Steps) != 0) parts.Add("steps");
            if ((include & TemplateInclude.Tags) != 0) parts.Add("tags");
            return parts.Count == 0 ? null : string.Join(",", parts);
        }
    }
}
