using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Walks the activity feed for one or more verbs. The feed takes one verb a request (a comma-joined list is one
    /// unknown verb to it, so nothing), so each verb is read by its own request and paged on its own, and the
    /// entries are merged newest first with no entry twice. Without verbs, or with one, it is the plain walk.
    /// </summary>
    internal sealed class ActivityWalker
    {
        private readonly List<Source> _sources;
        private readonly HashSet<string> _given = new HashSet<string>(StringComparer.Ordinal);

        internal ActivityWalker(IEnumerable<PagedWalker<TallyfyActivity>> walkers)
        {
            _sources = walkers.Select(w => new Source(w)).ToList();
        }

        /// <summary>The number of the page the next read asks for (from 1), counted over every verb's pages.</summary>
        public int NextPage => _sources.Sum(s => s.Walker.PagesFetched) + 1;

        /// <summary>The next entries, newest first, or null when every verb's list is exhausted.</summary>
        public async Task<IReadOnlyList<TallyfyActivity>?> NextAsync(CallContext context)
        {
            if (_sources.Count == 1)
            {
                return await _sources[0].Walker.NextAsync(context).ConfigureAwait(false);
            }

            // Every verb with entries left must show its newest unread entry before one can be given out.
            foreach (Source s in _sources)
            {
                while (!s.Done && s.Buffer.Count == 0)
                {
                    IReadOnlyList<TallyfyActivity>? page = await s.Walker.NextAsync(context).ConfigureAwait(false);
                    if (page is null)
                    {
                        s.Done = true;
                    }
                    else
                    {
                        foreach (TallyfyActivity entry in page)
                        {
                            s.Buffer.Enqueue(entry);
                        }
                    }
                }
            }

            var merged = new List<TallyfyActivity>();
            while (true)
            {
                Source? newest = null;
                foreach (Source s in _sources)
                {
                    if (s.Buffer.Count == 0)
                    {
                        if (!s.Done)
                        {
                            return merged; // this verb's next page decides what comes next
                        }

                        continue;
                    }

                    if (newest is null || Newer(s.Buffer.Peek(), newest.Buffer.Peek()))
                    {
                        newest = s;
                    }
                }

                if (newest is null)
                {
                    return merged.Count > 0 ? merged : null;
                }

                TallyfyActivity next = newest.Buffer.Dequeue();
                if (_given.Add(next.Id))
                {
                    merged.Add(next);
                }
            }
        }

        /// <summary>True when <paramref name="a"/> is newer than <paramref name="b"/> (an entry without a date counts as oldest; then the greater id).</summary>
        private static bool Newer(TallyfyActivity a, TallyfyActivity b)
        {
            DateTimeOffset at = a.CreatedAt?.Value ?? DateTimeOffset.MinValue;
            DateTimeOffset bt = b.CreatedAt?.Value ?? DateTimeOffset.MinValue;
            if (at != bt)
            {
                return at > bt;
            }

            return long.TryParse(a.Id, out long ai) && long.TryParse(b.Id, out long bi) ? ai > bi : string.CompareOrdinal(a.Id, b.Id) > 0;
        }

        private sealed class Source
        {
            public Source(PagedWalker<TallyfyActivity> walker) => Walker = walker;

            public PagedWalker<TallyfyActivity> Walker { get; }

            public Queue<TallyfyActivity> Buffer { get; } = new Queue<TallyfyActivity>();

            public bool Done { get; set; }
        }
    }
}
