using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TallyfyPS.Client
{
    /// <summary>A page of a list answer.</summary>
    internal sealed class ApiPage<T>
    {
        public ApiPage(IReadOnlyList<T> items, int? total, int currentPage, int? totalPages, bool hasNextLink)
        {
            Items = items;
            Total = total;
            CurrentPage = currentPage;
            TotalPages = totalPages;
            HasNextLink = hasNextLink;
        }

        public IReadOnlyList<T> Items { get; }
        public int? Total { get; }
        public int CurrentPage { get; }
        public int? TotalPages { get; }
        public bool HasNextLink { get; }

        /// <summary>Whether another page follows: by the page counts, falling back on links.next.</summary>
        public bool HasMore => TotalPages.HasValue ? CurrentPage < TotalPages.Value : HasNextLink;

        /// <summary>
        /// Reads a list answer: the items mapped one by one, and the pagination meta in any of the contract's
        /// forms (links.next present, or links [] / {} / null / absent on the last page; no meta at all).
        /// </summary>
        internal static ApiPage<T> Read(ApiResponse response, int page, int perPage, Func<JsonElement, T> map)
        {
            response.EnsureSuccess();
            JsonElement data = response.DataList();
            var items = new List<T>(data.GetArrayLength());
            foreach (JsonElement item in data.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                        "The service's list answer holds an entry that is not an object.", response.Status, requestId: response.RequestId);
                }

                items.Add(map(item));
            }

            JsonElement root = response.Body!.RootElement;
            if (!(root.TryGetProperty("meta", out JsonElement meta) && meta.ValueKind == JsonValueKind.Object &&
                  meta.TryGetProperty("pagination", out JsonElement p) && p.ValueKind == JsonValueKind.Object))
            {
                // No pagination metadata: a full page may have a successor.
                return new ApiPage<T>(items, null, page, null, items.Count >= perPage);
            }

            // links: {next: ...} | {} | [] | null | absent: only an object with a non-empty next means more.
            bool hasNext = p.TryGetProperty("links", out JsonElement links) && links.ValueKind == JsonValueKind.Object &&
                links.TryGetProperty("next", out JsonElement next) && !string.IsNullOrEmpty(Json.TryText(next));
            return new ApiPage<T>(items, Json.Int(p, "total"), Json.Int(p, "current_page") ?? page, Json.Int(p, "total_pages"), hasNext);
        }
    }
}
