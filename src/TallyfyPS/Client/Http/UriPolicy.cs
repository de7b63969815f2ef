using System;
using System.Net;

namespace TallyfyPS.Client
{
    /// <summary>What base URIs the client accepts: absolute, https (plain http only to this machine).</summary>
    internal static class UriPolicy
    {
        /// <summary>The API root with a trailing slash and without query or fragment.</summary>
        public static Uri NormalizeBase(Uri baseUri)
        {
            if (baseUri is null)
            {
                throw new ArgumentNullException(nameof(baseUri));
            }

            if (!baseUri.IsAbsoluteUri)
            {
                throw new ArgumentException($"The base URI '{baseUri}' is not absolute.", nameof(baseUri));
            }

            string text = baseUri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
        }

        /// <summary>Plain http is allowed only to this machine, where no token can be overheard.</summary>
        /// <exception cref="InsecureBaseUriException">For http to another host, or another scheme.</exception>
        public static void RefuseInsecure(Uri baseUri)
        {
            if (baseUri.Scheme == Uri.UriSchemeHttps)
            {
                return;
            }

            if (baseUri.Scheme != Uri.UriSchemeHttp)
            {
                throw new InsecureBaseUriException($"The base URI '{baseUri}' must use https.");
            }

            if (!IsLoopback(baseUri))
            {
                throw new InsecureBaseUriException(
                    $"The base URI '{baseUri.GetLeftPart(UriPartial.Authority)}' uses plain http to a host that is not this machine; " +
                    "the access token would cross the network unencrypted. Use https (plain http is allowed only for loopback addresses such as a local sandbox).");
            }
        }

        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback)
            {
                return true;
            }

            return IPAddress.TryParse(uri.DnsSafeHost, out IPAddress? ip) && IPAddress.IsLoopback(ip);
        }
    }

    /// <summary>A base URI that would send the token unencrypted over the network.</summary>
    internal sealed class InsecureBaseUriException : Exception
    {
        public InsecureBaseUriException(string message)
            : base(message)
        {
        }
    }
}
