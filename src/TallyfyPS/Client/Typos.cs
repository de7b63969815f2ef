using System;
using System.Collections.Generic;
using System.Linq;

namespace TallyfyPS.Client
{
    /// <summary>"Did you mean": the candidate a misspelt name most likely meant (a field, an option, an owner's email).</summary>
    internal static class Typos
    {
        /// <summary>The candidate nearest to <paramref name="key"/> by edit distance, when near enough to be a typo.</summary>
        public static string? Nearest(string key, IEnumerable<string> candidates) => Nearest(key, candidates, null);

        /// <summary>As <see cref="Nearest(string, IEnumerable{string})"/>, at most <paramref name="maxDistance"/> edits away (when given).</summary>
        public static string? Nearest(string key, IEnumerable<string> candidates, int? maxDistance)
        {
            string k = Squeeze(key).ToLowerInvariant();
            if (k.Length == 0)
            {
                return null;
            }

            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (string candidate in candidates.Distinct())
            {
                int d = Distance(k, Squeeze(candidate).ToLowerInvariant());
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = candidate;
                }
            }

            return best != null && bestDistance <= (maxDistance ?? Math.Max(2, k.Length / 3)) ? best : null;
        }

        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                int[] swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }

        private static string Squeeze(string? s) => string.Join(" ", (s ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
