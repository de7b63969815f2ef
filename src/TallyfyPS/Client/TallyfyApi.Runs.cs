using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>Runs: one by id, and filtered lists.</summary>
    internal sealed partial class TallyfyApi
    {
        public async Task<TallyfyRun> GetRunAsync(string organizationId, string id, RunInclude include, RequestCounter counter)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Run(organizationId, id)) { Query = WithQuery(RunQuery.With(include, single: true)) };
            using ApiResponse r = await Http.SendAsync(request, counter).ConfigureAwait(false);
            r.EnsureSuccess();
            return Mapper.Run(r.Data(), organizationId);
        }

        /// <param name="first">How many runs the caller will take at most: a smaller first page is asked for.</param>
        /// <param name="skip">Runs at the start of the list never to hand out.</param>
        public PagedWalker<TallyfyRun> ListRuns(string organizationId, RunQuery query, ulong first = ulong.MaxValue, ulong skip = 0)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Runs(organizationId)) { Query = query.ToQuery() };
            return new PagedWalker<TallyfyRun>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.Run(e, organizationId), counter),
                PageSize(first), r => r.Id, Skipped(skip));
        }
    }
}
