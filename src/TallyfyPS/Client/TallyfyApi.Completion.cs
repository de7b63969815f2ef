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
    /// <summary>Tab completion: a few records matching what was typed, in one request.</summary>
    internal sealed partial class TallyfyApi
    {
        /// <summary>
        /// Up to <paramref name="max"/> records whose id starts with, or whose name contains, <paramref name="word"/>
        /// (one request, for tab completion).
        /// </summary>
        public async Task<IReadOnlyList<RecordSuggestion>> SuggestAsync(RecordKind kind, string organizationId, string word, ArchivedFilter archived, int max, CallContext context)
        {
            bool hexPrefix = word.Length > 0 && word.All(Uri.IsHexDigit);
            var query = new List<KeyValuePair<string, string>>();
            if (word.Length > 0 && !hexPrefix) query.Add(new KeyValuePair<string, string>("q", word));
            if (kind.ListFilter != null) query.Add(new KeyValuePair<string, string>(kind.ListFilter, "true"));
            if (archived == ArchivedFilter.Only) query.Add(new KeyValuePair<string, string>("archived", "only"));
            if (archived == ArchivedFilter.Include) query.Add(new KeyValuePair<string, string>("archived", "true"));
            var request = new ApiRequest(HttpMethod.Get, Paths.Collection(kind, organizationId)) { Query = query, SingleTry = true };
            ApiPage<RecordSuggestion> page = await Http.GetPageAsync(request, 1, Paths.MaxPageSize,
                e => new RecordSuggestion(Json.RequiredId(e, "id"), (Json.String(e, kind.NameField) ?? string.Empty).Replace('\n', ' '), Json.String(e, "status")),
                context.NewCounter()).ConfigureAwait(false);
            return page.Items.Where(i => !hexPrefix || i.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase)).Take(max).ToList();
        }
    }
}
