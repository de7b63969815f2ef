using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
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

        /// <summary>
        /// How the newest completion of a task ended, as the activity feed records it in the text of its newest
        /// <c>completed</c> entry: approved, rejected, expired or completed [assumed: the contract names no task field for it];
        /// null when the feed has no such entry.
        /// </summary>
        public async Task<string?> LastCompletionOutcomeAsync(string organizationId, string taskId, CallContext context)
        {
            ActivityWalker walker = ListActivity(organizationId, new ActivityQuery { EntityType = "task", EntityId = taskId, Verbs = new[] { "completed" } }, 1);
            IReadOnlyList<TallyfyActivity>? page = await walker.NextAsync(context).ConfigureAwait(false);
            string? text = page?.FirstOrDefault()?.NewValue;
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim().ToLowerInvariant();
        }
    }
}
