using System;
using System.Collections.Generic;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// What one call has created, so that a create whose answer was lost is found by a search without mistaking
    /// another record for it: the ids already accounted for (created by this call, or there before it), and how many
    /// creates of the same name are under way. A search that finds exactly one unaccounted record, while this is the
    /// only create of that name under way, found it; anything else cannot tell.
    /// </summary>
    internal sealed class ChangeLedger
    {
        private readonly object _lock = new object();
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> _underWay = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Marks a record as accounted for (made by this call, or known to exist before it).</summary>
        public void Claim(string id)
        {
            lock (_lock)
            {
                _claimed.Add(id);
            }
        }

        /// <summary>A create of this key (template and name, or task and text) starts.</summary>
        public void Begin(string key)
        {
            lock (_lock)
            {
                _underWay.TryGetValue(key, out int n);
                _underWay[key] = n + 1;
            }
        }

        public void End(string key)
        {
            lock (_lock)
            {
                if (_underWay.TryGetValue(key, out int n))
                {
                    if (n <= 1) _underWay.Remove(key);
                    else _underWay[key] = n - 1;
                }
            }
        }

        /// <summary>Claims the one candidate when it is the only unaccounted record and this the only create of its key under way.</summary>
        /// <returns>The candidate claimed; null when there is none (<paramref name="ambiguous"/> false) or it cannot be told (true).</returns>
        public T? ClaimSingle<T>(string key, IEnumerable<T> candidates, Func<T, string> idOf, out bool ambiguous)
            where T : class
        {
            lock (_lock)
            {
                var open = new List<T>();
                foreach (T candidate in candidates)
                {
                    if (!_claimed.Contains(idOf(candidate)))
                    {
                        open.Add(candidate);
                    }
                }

                _underWay.TryGetValue(key, out int underWay);
                ambiguous = open.Count > 1 || (open.Count == 1 && underWay > 1);
                if (open.Count != 1 || ambiguous)
                {
                    return null;
                }

                _claimed.Add(idOf(open[0]));
                return open[0];
            }
        }
    }
}
