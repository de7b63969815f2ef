using System;
using System.Text;

namespace TallyfyPS.Client
{
    /// <summary>
    /// What a trace line may show of an address. The module's own queries hold no secret, but Invoke-TallyfyApi sends
    /// whatever a script puts in -Query or the path: the value of a key that names a secret (access_token, client_secret,
    /// password, api_key, signature, code, ...) is written as *** in Verbose lines.
    /// </summary>
    internal static class Redaction
    {
        public const string Mask = "***";

        private static readonly string[] SecretWords = { "token", "secret", "password", "passwd", "key", "signature", "sig", "code", "auth", "credential" };

        /// <summary>The path and query of <paramref name="uri"/> with secret values masked.</summary>
        public static string PathAndQuery(Uri uri)
        {
            string query = uri.Query;
            if (query.Length <= 1)
            {
                return uri.PathAndQuery;
            }

            var sb = new StringBuilder(uri.AbsolutePath).Append('?');
            string[] pairs = query.Substring(1).Split('&');
            for (int i = 0; i < pairs.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append('&');
                }

                string pair = pairs[i];
                int eq = pair.IndexOf('=');
                string key = eq < 0 ? pair : pair.Substring(0, eq);
                sb.Append(eq >= 0 && IsSecret(Uri.UnescapeDataString(key)) ? key + "=" + Mask : pair);
            }

            return sb.ToString();
        }

        /// <summary>Whether a query key or header name names a secret.</summary>
        public static bool IsSecret(string name)
        {
            string lower = name.ToLowerInvariant();
            foreach (string word in SecretWords)
            {
                if (lower.IndexOf(word, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
