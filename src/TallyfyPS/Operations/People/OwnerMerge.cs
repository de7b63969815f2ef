using System;
using System.Linq;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// A task's owners after adding and removing some, from what a fresh read showed: Tallyfy replaces the owners with
    /// what an update sends (a bucket left out is emptied), so the three buckets are always computed whole.
    /// </summary>
    internal static class OwnerMerge
    {
        /// <summary>The current owners, plus <paramref name="add"/>, less <paramref name="remove"/>, each once.</summary>
        public static ResolvedOwners Apply(TallyfyTaskOwners current, ResolvedOwners? add, ResolvedOwners? remove)
        {
            var result = new ResolvedOwners();
            result.Users.AddRange(current.Users.Concat(add?.Users ?? Enumerable.Empty<long>()).Distinct()
                .Where(u => remove is null || !remove.Users.Contains(u)));
            result.Guests.AddRange(current.Guests.Concat(add?.Guests ?? Enumerable.Empty<string>()).Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(g => remove is null || !remove.Guests.Contains(g, StringComparer.OrdinalIgnoreCase)));
            result.Groups.AddRange(current.Groups.Concat(add?.Groups ?? Enumerable.Empty<string>()).Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(g => remove is null || !remove.Groups.Contains(g, StringComparer.OrdinalIgnoreCase)));
            return result;
        }
    }
}
