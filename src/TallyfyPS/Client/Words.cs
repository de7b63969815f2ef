using System.Globalization;

namespace TallyfyPS.Client
{
    /// <summary>Numbers in messages, agreeing with their nouns and verbs: "1 run was", "3 runs were" (never "1 were").</summary>
    internal static class Words
    {
        /// <summary>"1 run", "2 runs", "0 runs"; <paramref name="plural"/> for nouns that do not take an s ("1 entry", "2 entries").</summary>
        public static string Count(long n, string singular, string? plural = null) =>
            n.ToString(CultureInfo.InvariantCulture) + " " + Noun(n, singular, plural);

        /// <summary>The noun alone, in the number <paramref name="n"/> asks for.</summary>
        public static string Noun(long n, string singular, string? plural = null) => n == 1 ? singular : plural ?? singular + "s";

        /// <summary>"was" or "were".</summary>
        /// <summary>"59 min 12 s", "42 s".</summary>
        public static string Duration(System.TimeSpan t)
        {
            long seconds = (long)System.Math.Ceiling(System.Math.Max(0, t.TotalSeconds));
            return seconds >= 3600 ? $"{seconds / 3600} h {seconds % 3600 / 60} min"
                : seconds >= 60 ? $"{seconds / 60} min {seconds % 60} s"
                : $"{seconds} s";
        }

        public static string Was(long n) => n == 1 ? "was" : "were";

        /// <summary>
        /// A verb phrase for "it": "Launch" is "launches", "Permanently delete" "permanently deletes", "Comment on"
        /// "comments on" (the first word that is not an adverb in -ly takes the ending), in lower case.
        /// </summary>
        public static string ThirdPerson(string phrase)
        {
            string[] words = phrase.ToLowerInvariant().Split(' ');
            for (int i = 0; i < words.Length; i++)
            {
                string w = words[i];
                if (w.Length == 0 || (w.EndsWith("ly", System.StringComparison.Ordinal) && i < words.Length - 1))
                {
                    continue;
                }

                words[i] = w.EndsWith("ch", System.StringComparison.Ordinal) || w.EndsWith("sh", System.StringComparison.Ordinal) || w.EndsWith("s", System.StringComparison.Ordinal)
                    || w.EndsWith("x", System.StringComparison.Ordinal) || w.EndsWith("z", System.StringComparison.Ordinal) ? w + "es"
                    : w.Length > 1 && w.EndsWith("y", System.StringComparison.Ordinal) && "aeiou".IndexOf(w[w.Length - 2]) < 0 ? w.Substring(0, w.Length - 1) + "ies"
                    : w + "s";
                break;
            }

            return string.Join(" ", words);
        }

        /// <summary>"has" or "have".</summary>
        public static string Has(long n) => n == 1 ? "has" : "have";
    }
}
