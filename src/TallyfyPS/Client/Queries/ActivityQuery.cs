using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TallyfyPS.Client
{
    /// <summary>A filtered read of the activity feed, in the terms of the cmdlets; <see cref="ToQuery"/> speaks the API's.</summary>
    internal sealed class ActivityQuery
    {
        /// <summary>What the entries are about (run, task, checklist, thread, tag); with <see cref="EntityId"/>.</summary>
        public string? EntityType { get; set; }

        public string? EntityId { get; set; }

        /// <summary>Only entries of these verbs (the feed takes one verb a request: <see cref="TallyfyApi.ListActivity"/> reads each on its own).</summary>
        public IReadOnlyList<string>? Verbs { get; set; }

        public long? ActorId { get; set; }

        public string? ActorEmail { get; set; }

        /// <summary>Only entries made after this time. The service filters by whole days (created_after, inclusive); the exact time is the caller's to apply.</summary>
        public DateTimeOffset? After { get; set; }

        /// <summary>Only entries made before this time (created_before, a whole day, inclusive).</summary>
        public DateTimeOffset? Before { get; set; }

        /// <summary>The query, for one verb of <see cref="Verbs"/> (or none: every verb).</summary>
        internal IReadOnlyList<KeyValuePair<string, string>> ToQuery(string? verb = null)
        {
            var query = new List<KeyValuePair<string, string>>();
            void Add(string key, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    query.Add(new KeyValuePair<string, string>(key, value!));
                }
            }

            Add("entity_type", EntityType);
            Add("entity_id", EntityId);
            Add("verb", verb?.ToLowerInvariant());
            Add("actor_id", ActorId?.ToString(CultureInfo.InvariantCulture));
            Add("actor_email", ActorEmail);
            Add("created_after", After?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("created_before", Before?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("sort", "-created_at");
            return query;
        }
    }
}
