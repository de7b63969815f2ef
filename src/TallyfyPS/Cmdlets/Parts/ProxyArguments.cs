using System;
using System.Management.Automation;
using System.Net;
using TallyfyPS.Client;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Connect-Tallyfy's -Proxy, -ProxyCredential and -ProxyUseDefaultCredentials, read and checked.</summary>
    internal static class ProxyArguments
    {
        public const string SystemSource = "system settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)";

        /// <summary>The session's proxy settings, or null for the system's without credentials; an error for a proxy that cannot be used.</summary>
        public static ProxySettings? Read(Uri? proxy, PSCredential? credential, bool useDefaultCredentials, out ErrorRecord? error)
        {
            error = null;
            if (proxy != null)
            {
                if (!proxy.IsAbsoluteUri || (proxy.Scheme != Uri.UriSchemeHttp && proxy.Scheme != Uri.UriSchemeHttps))
                {
                    error = Errors.New(ErrorIds.InvalidProxy, ErrorCategory.InvalidArgument, proxy.OriginalString,
                        $"-Proxy '{proxy.OriginalString}' is not the address of an HTTP proxy.", "Pass the proxy as http://host:port, such as http://proxy.corp.example:8080.");
                    return null;
                }

                if (!string.IsNullOrEmpty(proxy.UserInfo))
                {
                    error = Errors.New(ErrorIds.InvalidProxy, ErrorCategory.InvalidArgument, proxy.GetLeftPart(UriPartial.Scheme) + proxy.Authority,
                        "-Proxy holds a user name (and perhaps a password) in the address, where it would be shown and logged.",
                        "Pass the address alone, and the user name and password with -ProxyCredential (Get-Credential).");
                    return null;
                }
            }

            if (credential != null && useDefaultCredentials)
            {
                error = Errors.New(ErrorIds.InvalidProxy, ErrorCategory.InvalidArgument, null,
                    "-ProxyCredential and -ProxyUseDefaultCredentials both say how to sign in to the proxy; pass one of them.",
                    "Use -ProxyCredential for a proxy user name and password, or -ProxyUseDefaultCredentials for the current Windows user.");
                return null;
            }

            if (proxy is null && credential is null && !useDefaultCredentials)
            {
                return null;
            }

            NetworkCredential? network = credential?.GetNetworkCredential();
            return new ProxySettings(proxy == null ? null : new Uri(proxy.GetLeftPart(UriPartial.Authority)), network, useDefaultCredentials);
        }
    }
}
