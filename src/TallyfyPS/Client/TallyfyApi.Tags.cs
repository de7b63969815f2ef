using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>Tags: the organization's list (creating, deleting and tagging runs are in Operations).</summary>
    internal sealed partial class TallyfyApi
    {
        /// <param name="search">Tallyfy's q search on the title.</param>
        public PagedWalker<TallyfyTag> ListTags(string organizationId, string? search, ulong first = ulong.MaxValue)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Tags(organizationId))
            {
                Query = string.IsNullOrEmpty(search) ? null : new[] { new KeyValuePair<string, string>("q", search!) },
            };
            return new PagedWalker<TallyfyTag>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.Tag(e, organizationId), counter),
                PageSize(first), t => t.Id);
        }

        /// <summary>Every tag of the organization (pages of 100), optionally narrowed by Tallyfy's q search.</summary>
        public Task<IReadOnlyList<TallyfyTag>> AllTagsAsync(string organizationId, CallContext context, string? search = null) =>
            ListTags(organizationId, search).AllAsync(context);
    }
}
