using System;
using System.Net;
using System.Net.Http;

namespace TallyfyPS.Client
{
    /// <summary>
    /// The proxy one session goes through (Connect-Tallyfy -Proxy): its address and the credentials it asks for. Without
    /// one, the system's and the environment's settings apply (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). Every request of the
    /// session, the OAuth token request included, goes the same way: there is one HttpClient per session.
    /// </summary>
    internal sealed class ProxySettings
    {
        public ProxySettings(Uri? address, NetworkCredential? credential, bool useDefaultCredentials)
        {
            Address = address;
            Credential = credential;
            UseDefaultCredentials = useDefaultCredentials;
        }

        /// <summary>The proxy, such as http://proxy.corp:8080; null for the system's (with <see cref="Credential"/> for it).</summary>
        public Uri? Address { get; }

        /// <summary>The user name and password the proxy asks for (Basic, NTLM or Negotiate, as the proxy offers); null for none.</summary>
        public NetworkCredential? Credential { get; }

        /// <summary>Sign in to the proxy as the user running PowerShell (Windows integrated authentication).</summary>
        public bool UseDefaultCredentials { get; }

        /// <summary>How the session signs in to its proxy, never with the password: "as corp\jane", "as the current user", or null.</summary>
        public string? Authentication => Credential != null
            ? "as " + (string.IsNullOrEmpty(Credential.Domain) ? Credential.UserName : Credential.Domain + "\\" + Credential.UserName)
            : UseDefaultCredentials ? "as the current user (default credentials)" : null;

        /// <summary>Makes the handler go through this proxy, loopback addresses included (nothing is bypassed).</summary>
        public void Apply(HttpClientHandler handler)
        {
            if (Address is null)
            {
                // The system's proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), signed in to with these credentials.
                ICredentials? credentials = UseDefaultCredentials ? CredentialCache.DefaultCredentials : Credential;
                try
                {
                    handler.DefaultProxyCredentials = credentials;
                }
                catch (PlatformNotSupportedException)
                {
                    // An older .NET Framework: the system proxy itself, with the credentials set on it.
                    IWebProxy? system = WebRequest.DefaultWebProxy;
                    if (system != null)
                    {
                        system.Credentials = credentials;
                        handler.Proxy = system;
                        handler.UseProxy = true;
                    }
                }

                return;
            }

            var proxy = new WebProxy(Address) { BypassProxyOnLocal = false };
            if (Credential != null)
            {
                proxy.Credentials = Credential;
            }
            else if (UseDefaultCredentials)
            {
                proxy.UseDefaultCredentials = true;
            }

            handler.UseProxy = true;
            handler.Proxy = proxy;
        }

        /// <summary>The proxy a request to <paramref name="target"/> goes through: this session's, else the system's (null for none).</summary>
        public static Uri? ProxyFor(ProxySettings? settings, Uri target)
        {
            if (settings?.Address != null)
            {
                return settings.Address;
            }

            try
            {
                IWebProxy? system = WebRequest.DefaultWebProxy;
                if (system is null || system.IsBypassed(target))
                {
                    return null;
                }

                Uri? proxy = system.GetProxy(target);
                return proxy is null || proxy == target ? null : proxy;
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException || ex is NotSupportedException || ex is InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>
        /// True when <paramref name="error"/> (or one inside it) is a proxy's refusal to open a tunnel without credentials
        /// (407 to CONNECT, which .NET reports as an exception rather than an answer).
        /// </summary>
        public static bool IsProxyAuthenticationRefusal(Exception? error)
        {
            for (Exception? e = error; e != null; e = e.InnerException)
            {
                if (e is WebException web && web.Response is HttpWebResponse response && (int)response.StatusCode == 407)
                {
                    return true; // .NET Framework (Windows PowerShell 5.1)
                }

                if (e is HttpRequestException && e.Message.IndexOf("407", StringComparison.Ordinal) >= 0 &&
                    e.Message.IndexOf("proxy", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true; // .NET: "The proxy tunnel request to proxy '...' failed with status code '407'."
                }
            }

            return false;
        }
    }
}
