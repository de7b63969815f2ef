using System.Globalization;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Ids and numbers derived from a key (FNV-1a), for seed data that must not draw from the seed's random sequence:
/// drawing would shift every id seeded after it.
/// </summary>
internal static class StableId
{
    /// <summary>A 32-hex id made from <paramref name="key"/>.</summary>
    public static string Of(string key) =>
        Avalanche(Fnv(key, 14695981039346656037UL)).ToString("x16", CultureInfo.InvariantCulture)
        + Avalanche(Fnv(key, 0x9e3779b97f4a7c15UL)).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>A non-negative number made from the parts, for choices that depend on the seed and a run's index.</summary>
    public static int Mix(int seed, int index, int salt)
    {
        unchecked
        {
            ulong h = 14695981039346656037UL;
            foreach (int part in new[] { seed, index, salt })
            {
                for (int b = 0; b < 4; b++)
                {
                    h ^= (byte)(part >> (8 * b));
                    h *= 1099511628211UL;
                }
            }

            return (int)(Avalanche(h) >> 33);
        }
    }

    /// <summary>The finalizer of MurmurHash3: keys that differ in one character give unrelated ids.</summary>
    private static ulong Avalanche(ulong h)
    {
        unchecked
        {
            h ^= h >> 33;
            h *= 0xff51afd7ed558ccdUL;
            h ^= h >> 33;
            h *= 0xc4ceb9fe1a85ec53UL;
            h ^= h >> 33;
            return h;
        }
    }

    private static ulong Fnv(string key, ulong offset)
    {
        unchecked
        {
            ulong h = offset;
            foreach (char c in key)
            {
                h ^= c;
                h *= 1099511628211UL;
            }

            return h;
        }
    }
}
