using System.Net.Http;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>The activity feed (the audit log).</summary>
    public sealed partial class TallyfyApi
    {
        /// <summary>
        /// Entries of the activity feed, newest first (sort=-created_at), in pages of up to 100 (the service's
        /// default is 20), or smaller when the caller takes fewer. The actors are ids here; the cmdlet resolves them.
        /// </summary>
        public PagedWalker<TallyfyActivity> ListActivity(string organizationId, ActivityQuery query, ulong first = ulong.MaxValue)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.ActivityFeed(organizationId)) { Query = query.ToQuery() };
            return new PagedWalker<TallyfyActivity>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.Activity(e, organizationId), counter),
                PageSize(first), a => a.Id);
        }
    }
}
