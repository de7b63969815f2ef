using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>The activity feed (the audit log).</summary>
    internal sealed partial class TallyfyApi
    {
        /// <summary>
        /// Entries of the activity feed, newest first (sort=-created_at), in pages of up to 100 (the service's
        /// default is 20), or smaller when the caller takes fewer. The feed takes one verb a request: several verbs
        /// are read one request (and one paging) each and merged. The actors are ids here; the cmdlet resolves them.
        /// </summary>
        public ActivityWalker ListActivity(string organizationId, ActivityQuery query, ulong first = ulong.MaxValue)
        {
            IReadOnlyList<string?> verbs = query.Verbs is null || query.Verbs.Count == 0
                ? new string?[] { null }
                : query.Verbs.Select(v => v.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
            return new ActivityWalker(verbs.Select(verb =>
            {
                var request = new ApiRequest(HttpMethod.Get, Paths.ActivityFeed(organizationId)) { Query = query.ToQuery(verb) };
                return new PagedWalker<TallyfyActivity>(
                    (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.Activity(e, organizationId), counter),
                    PageSize(first), a => a.Id);
            }));
        }
    }
}
