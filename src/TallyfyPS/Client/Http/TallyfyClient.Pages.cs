using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Lists read for one item: a page, and the one loop over raw pages that every search of a list goes through (every
    /// page counted on the item's counter). Listings that hand records to the user page through <see cref="PagedWalker{T}"/>.
    /// </summary>
    internal sealed partial class TallyfyClient
    {
        /// <summary>Reads one page of a list (the request's query plus page and per_page).</summary>
        public async Task<ApiPage<T>> GetPageAsync<T>(ApiRequest request, int page, int perPage, Func<JsonElement, T> map, RequestCounter counter)
        {
            var query = new List<KeyValuePair<string, string>>(request.Query ?? Array.Empty<KeyValuePair<string, string>>())
            {
                new KeyValuePair<string, string>("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string>("per_page", perPage.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            using ApiResponse response = await SendAsync(new ApiRequest(request.Method, request.Path) { Query = query, SingleTry = request.SingleTry }, counter).ConfigureAwait(false);
            return ApiPage<T>.Read(response, page, perPage, map);
        }

        /// <summary>
        /// Reads a list page after page (pages of 100) until <paramref name="stop"/> says a page held what was looked for,
        /// the list ends, or <paramref name="maxPages"/> pages were read.
        /// </summary>
        public async Task ReadPagesAsync<T>(ApiRequest request, Func<JsonElement, T> map, Func<IReadOnlyList<T>, bool> stop, RequestCounter counter,
            int maxPages = int.MaxValue)
        {
            for (int page = 1; page <= maxPages; page++)
            {
                ApiPage<T> found = await GetPageAsync(request, page, Paths.MaxPageSize, map, counter).ConfigureAwait(false);
                if (stop(found.Items) || !found.HasMore || found.Items.Count == 0)
                {
                    return;
                }
            }
        }

        /// <summary>The first record of a list that matches, reading no further page than it takes.</summary>
        public async Task<(bool Found, T Item)> FindInPagesAsync<T>(ApiRequest request, Func<JsonElement, T> map, Func<T, bool> match, RequestCounter counter)
        {
            (bool Found, T Item) result = (false, default!);
            await ReadPagesAsync(request, map, items =>
            {
                foreach (T item in items)
                {
                    if (match(item))
                    {
                        result = (true, item);
                        return true;
                    }
                }

                return false;
            }, counter).ConfigureAwait(false);
            return result;
        }

        /// <summary>Every record of a list.</summary>
        public async Task<IReadOnlyList<T>> AllPagesAsync<T>(ApiRequest request, Func<JsonElement, T> map, RequestCounter counter)
        {
            var all = new List<T>();
            await ReadPagesAsync(request, map, items =>
            {
                all.AddRange(items);
                return false;
            }, counter).ConfigureAwait(false);
            return all;
        }
    }
}
