using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Walks a paged list without skipping anything when the set shrinks while it is read.
    /// Tallyfy pages by offset: when a pipeline archives runs it has already been given, every unseen
    /// run moves up by as many places, and a plain page counter would step over them. The walker
    /// tracks how far it has read in the original order and how much the list's total has fallen,
    /// starts each page at the first position not yet seen (re-reading a page when the total shows
    /// it moved), and drops ids it has already returned, so every matching record comes out exactly once.
    /// </summary>
    internal sealed class PagedWalker<T>
    {
        private const int MaxRefetches = 10000;
        private readonly Func<int, int, RequestCounter, Task<ApiPage<T>>> _fetch;
        private readonly int _perPage;
        private readonly Func<T, string> _idOf;
        private readonly IdSet _seen = new IdSet();
        private readonly long _skip;
        private long _emitted;
        private int? _initialTotal;
        private int _page;
        private bool _firstFetch = true;
        private bool _done;
        private int _refetches;

        /// <param name="fetch">Reads page number n (from 1) of the given size.</param>
        /// <param name="perPage">The page size to ask for.</param>
        /// <param name="idOf">A record's id, to hand out each record once.</param>
        /// <param name="skip">Records at the start of the list never to hand out (-Skip).</param>
        public PagedWalker(Func<int, int, RequestCounter, Task<ApiPage<T>>> fetch, int perPage, Func<T, string> idOf, long skip = 0)
        {
            _fetch = fetch;
            _perPage = Math.Max(1, perPage);
            _idOf = idOf;
            _skip = Math.Max(0, skip);
            _page = (int)(_skip / _perPage) + 1;
        }

        /// <summary>The list's total when the walk began (null until the first page, or when the service gives none).</summary>
        public int? InitialTotal => _initialTotal;

        /// <summary>The number of the page the next read asks for (from 1).</summary>
        public int NextPage => _page;

        /// <summary>The number of the page that holds the record at <paramref name="position"/> (from 0) of the list.</summary>
        public int PageOf(ulong position) => (int)(position / (ulong)_perPage) + 1;

        /// <summary>Pages fetched, re-reads included.</summary>
        public int PagesFetched { get; private set; }

        /// <summary>Every record of the list, page after page (the one read-all loop of the module).</summary>
        public async Task<IReadOnlyList<T>> AllAsync(CallContext context)
        {
            var all = new List<T>();
            while (await NextAsync(context).ConfigureAwait(false) is IReadOnlyList<T> page)
            {
                all.AddRange(page);
            }

            return all;
        }

        /// <summary>The first record that matches, reading no further page than it takes; default when none does.</summary>
        public async Task<T?> FirstAsync(Func<T, bool> match, CallContext context)
        {
            while (await NextAsync(context).ConfigureAwait(false) is IReadOnlyList<T> page)
            {
                foreach (T item in page)
                {
                    if (match(item))
                    {
                        return item;
                    }
                }
            }

            return default;
        }

        /// <summary>The next records, or null when the list is exhausted. Each page read is one item of <paramref name="context"/>.</summary>
        public async Task<IReadOnlyList<T>?> NextAsync(CallContext context)
        {
            while (!_done)
            {
                ApiPage<T> page = await _fetch(_page, _perPage, context.NewCounter()).ConfigureAwait(false);
                PagesFetched++;
                long windowStart = (long)(_page - 1) * _perPage;
                if (_initialTotal is null)
                {
                    _initialTotal = page.Total;
                }

                long removed = page.Total.HasValue && _initialTotal.HasValue ? Math.Max(0, _initialTotal.Value - page.Total.Value) : 0;
                long expectedStart = Math.Max(0, _skip + _emitted - removed);
                if (!_firstFetch && expectedStart < windowStart && _refetches < MaxRefetches)
                {
                    // The set shrank under us: unseen records moved onto an earlier page. Read that page.
                    _refetches++;
                    _page = (int)(expectedStart / _perPage) + 1;
                    continue;
                }

                var fresh = new List<T>(page.Items.Count);
                int index = 0;
                foreach (T item in page.Items)
                {
                    long position = windowStart + index++;
                    if (position < _skip)
                    {
                        continue; // -Skip: the skipped records are never handed out, so they never move
                    }

                    if (_seen.Add(_idOf(item)))
                    {
                        fresh.Add(item);
                    }
                }

                _firstFetch = false;
                _emitted += fresh.Count;
                if (page.Items.Count == 0 || !page.HasMore)
                {
                    _done = true;
                }
                else
                {
                    long nextStart = Math.Max(0, _skip + _emitted - removed);
                    int nextPage = (int)(nextStart / _perPage) + 1;
                    if (fresh.Count == 0 && nextPage <= _page)
                    {
                        nextPage = _page + 1; // everything here was seen already: move on
                    }

                    _page = nextPage;
                }

                if (fresh.Count > 0)
                {
                    return fresh;
                }
            }

            return null;
        }

        /// <summary>A compact set of ids: 32-hex ids as two 64-bit halves, anything else as text.</summary>
        private sealed class IdSet
        {
            private readonly HashSet<(ulong, ulong)> _hex = new HashSet<(ulong, ulong)>();
            private readonly HashSet<string> _other = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            public bool Add(string id)
            {
                if (id.Length == 32 &&
                    ulong.TryParse(id.Substring(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong hi) &&
                    ulong.TryParse(id.Substring(16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong lo))
                {
                    return _hex.Add((hi, lo));
                }

                return _other.Add(id);
            }
        }
    }
}
