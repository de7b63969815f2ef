using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Signs in to Tallyfy with a personal access token, an OAuth client, or the TALLYFY_* environment
    /// variables, checks the sign-in with GET /me, learns the user's role, and makes the session current.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Tallyfy", HelpUri = HelpLinks.Base + "Connect-Tallyfy.md", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(TallyfySession))]
    public sealed class ConnectTallyfyCommand : TallyfyCmdlet
    {
        public const string DefaultBaseUri = "https://go.tallyfy.com/api";
        private const string TokenSet = "AccessToken";
        private const string CredentialSet = "Credential";
        private const string ClientSecretSet = "ClientSecret";
        private const string ClientCredentialSet = "ClientCredential";
        private const string EnvironmentSet = "Environment";

        /// <summary>A personal access token (Settings > Integrations > REST API).</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        [ValidateNotNull]
        [Alias("Token")]
        public SecureString? AccessToken { get; set; }

        /// <summary>A credential whose password is a personal access token (the user name is not used).</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>An OAuth client id, for the client_credentials grant.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>The OAuth client's secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        /// <summary>An OAuth client as a credential: user name = client id, password = client secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential? ClientCredential { get; set; }

        /// <summary>The organization to act on. Default: TALLYFY_ORG_ID, else the user's only organization.</summary>
        [Parameter(Position = 0)]
        [Alias("OrgId", "organization_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(OrganizationIdCompleter))]
        public string? OrganizationId { get; set; }

        /// <summary>The API root. Default: TALLYFY_BASE_URI, else TALLYFY_BASE_URL (the official CLI's name), else https://go.tallyfy.com/api.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        /// <summary>The OAuth token endpoint, set on its own. Default: TALLYFY_TOKEN_URI, else oauth/token under the base URI.</summary>
        [Parameter(ParameterSetName = ClientSecretSet)]
        [Parameter(ParameterSetName = ClientCredentialSet)]
        [Parameter(ParameterSetName = EnvironmentSet)]
        [ValidateNotNull]
        public Uri? TokenUri { get; set; }

        /// <summary>How many requests may follow a failure for one item (retries and checks). Default 5.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = 5;

        /// <summary>
        /// The longest wait, in seconds, for one 429 (Tallyfy's throttling). A 429 that asks for longer (an hourly cap) is
        /// not waited for: its action stops for the call with one RateLimited error. Default 60.
        /// </summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int MaxWaitSec { get; set; } = 60;

        /// <summary>Seconds one request may take. Default 100.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>The proxy to reach Tallyfy through (http://host:port). Default: the system's settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>The user name and password the proxy asks for (a 407 without them is ProxyAuthenticationRequired).</summary>
        [Parameter]
        [ValidateNotNull]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Sign in to the proxy as the current user (Windows integrated authentication).</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Return the session object.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override bool RequiresSession => false;

        /// <summary>The environment variables of the token, in order: the module's own name wins over the official CLI's.</summary>
        private static readonly string[] TokenVariables = { "TALLYFY_ACCESS_TOKEN", "TALLYFY_API_TOKEN" };

        /// <summary>The environment variables of the base URI, in order: the module's own name wins over the official CLI's.</summary>
        private static readonly string[] BaseUriVariables = { "TALLYFY_BASE_URI", "TALLYFY_BASE_URL" };

        private const string TokenUriVariable = "TALLYFY_TOKEN_URI";

        private string _baseUriSource = "default";

        private ProxySettings? _proxy;

        private bool OAuth => ParameterSetName == ClientSecretSet || ParameterSetName == ClientCredentialSet ||
            (ParameterSetName == EnvironmentSet && FirstSet(TokenVariables).Name is null);

        /// <summary>The first of the environment variables that is set (not blank), and its value.</summary>
        private static (string? Name, string? Value) FirstSet(string[] names)
        {
            foreach (string name in names)
            {
                string? value = Environment.GetEnvironmentVariable(name);
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return (name, value!.Trim());
                }
            }

            return (null, null);
        }

        protected override void EndProcessing()
        {
            (string? org, string orgSource) = OrganizationId is null
                ? (Environment.GetEnvironmentVariable("TALLYFY_ORG_ID"), "TALLYFY_ORG_ID")
                : (OrganizationId, "-OrganizationId");
            string? orgId = string.IsNullOrWhiteSpace(org) ? null : Ids.Normalize(org);
            if (!string.IsNullOrWhiteSpace(org) && orgId is null)
            {
                ThrowTerminatingError(Errors.InvalidOrganizationId(org!, orgSource));
            }

            Uri baseUri = ResolveBaseUri();
            _proxy = ProxyArguments.Read(Proxy, ProxyCredential, ProxyUseDefaultCredentials, out ErrorRecord? proxyError);
            if (proxyError != null)
            {
                ThrowTerminatingError(proxyError);
            }

            ITokenProvider token = ResolveToken();
            WriteVerbose($"Signing in to {baseUri.GetLeftPart(UriPartial.Path)} with {token.Source}" +
                (token is ClientCredentialsTokenProvider { TokenUri: Uri tokenUri } ? $" (the OAuth token from {tokenUri.GetLeftPart(UriPartial.Path)})." : "."));
            (TallyfyApi api, TallyfyUser user, IReadOnlyList<TallyfyOrganization> organizations) = SignIn(baseUri, token);
            bool kept = false;
            try
            {
                orgId ??= OnlyOrganization(organizations);
                TallyfyOrganization? match = organizations.FirstOrDefault(o => string.Equals(o.Id, orgId, StringComparison.OrdinalIgnoreCase));
                if (match is null && organizations.Count > 0)
                {
                    WriteWarning($"Organization {orgId} is not among the organizations this user belongs to; calls to it may be refused.");
                }

                string? role = Run(context => api.GetRoleAsync(orgId!, user, context));
                WriteVerbose(role is null ? "The user's role in the organization could not be read." : $"Role in the organization: {role}.");
                var session = new TallyfySession(user, orgId!, match?.Name, api.Http.Options.BaseUri, token.Source, MaxRetries, TimeSpan.FromSeconds(TimeoutSec), role)
                {
                    BaseUriSource = _baseUriSource,
                    MaxWaitSec = MaxWaitSec,
                    Proxy = _proxy?.Address,
                    ProxySource = _proxy?.Address is null ? ProxyArguments.SystemSource : "Proxy parameter",
                    ProxyAuthentication = _proxy?.Authentication,
                };
                if (token is ClientCredentialsTokenProvider oauth)
                {
                    session.TokenUri = oauth.TokenUri ?? new Uri(api.Http.Options.BaseUri, Paths.OAuthToken);
                    session.TokenUriSource = _tokenUriSource;
                }

                var ops = new TallyfyOperations(api);
                SessionStore.Add(session, ops);
                kept = true;
                WriteVerbose($"Connected as {user} to {session.OrganizationName ?? session.OrganizationId}.");
                ArchiveLeftRestored(ops, orgId!);
                if (PassThru)
                {
                    WriteObject(session);
                }
            }
            finally
            {
                if (!kept)
                {
                    api.Dispose();
                }
            }
        }

        /// <summary>GET /me at the base URI; where the site's root was given instead of the API root, at its /api.</summary>
        private (TallyfyApi, TallyfyUser, IReadOnlyList<TallyfyOrganization>) SignIn(Uri baseUri, ITokenProvider token)
        {
            TallyfyApi api = NewApi(baseUri, token);
            try
            {
                (TallyfyUser user, IReadOnlyList<TallyfyOrganization> organizations) = Run(context => api.SignInAsync(context));
                return (api, user, organizations);
            }
            catch (TallyfyApiException ex) when (ex.Kind == TallyfyErrorKind.NotFound && !baseUri.AbsolutePath.TrimEnd('/').EndsWith("/api", StringComparison.OrdinalIgnoreCase))
            {
                api.Dispose();
                Uri apiRoot = new Uri(UriPolicy.NormalizeBase(baseUri), "api/");
                TallyfyApi retry = NewApi(apiRoot, token);
                try
                {
                    (TallyfyUser user, IReadOnlyList<TallyfyOrganization> organizations) = Run(context => retry.SignInAsync(context));
                    WriteWarning($"{baseUri.GetLeftPart(UriPartial.Path)} is not Tallyfy's API root (GET me answered 404); {apiRoot} is, and the session uses it. Pass -BaseUri {apiRoot.AbsoluteUri.TrimEnd('/')} to skip this check.");
                    return (retry, user, organizations);
                }
                catch (TallyfyApiException)
                {
                    retry.Dispose();
                    ThrowTerminatingError(Errors.SignInFailed(ex, token.Source, baseUri, OAuth));
                    throw;
                }
            }
            catch (TallyfyApiException ex)
            {
                api.Dispose();
                ThrowTerminatingError(Errors.SignInFailed(ex, token.Source, baseUri, OAuth));
                throw;
            }
        }

        private TallyfyApi NewApi(Uri baseUri, ITokenProvider token)
        {
            var options = new TallyfyClientOptions(baseUri, token) { MaxRetries = MaxRetries, RequestTimeout = TimeSpan.FromSeconds(TimeoutSec), MaxWait = TimeSpan.FromSeconds(MaxWaitSec), Proxy = _proxy };
            try
            {
                return new TallyfyApi(new TallyfyClient(options));
            }
            catch (InsecureBaseUriException ex)
            {
                ThrowTerminatingError(Errors.New(ErrorIds.InsecureBaseUri, ErrorCategory.SecurityError, baseUri.GetLeftPart(UriPartial.Authority), ex.Message,
                    "Use https (plain http is allowed only for loopback addresses such as a local sandbox).", ex));
                throw;
            }
        }

        private string OnlyOrganization(IReadOnlyList<TallyfyOrganization> organizations)
        {
            if (organizations.Count == 1)
            {
                return organizations[0].Id;
            }

            string known = organizations.Count == 0 ? "none was listed" : string.Join(", ", organizations.Select(o => $"{o.Id} ({o.Name})"));
            ThrowTerminatingError(Errors.New(ErrorIds.OrganizationRequired, ErrorCategory.InvalidArgument, null,
                $"Name the organization with -OrganizationId (or TALLYFY_ORG_ID); this user belongs to: {known}.",
                "Connect-Tallyfy -OrganizationId <one of the ids above> ..."));
            return string.Empty;
        }

        private Uri ResolveBaseUri()
        {
            Uri? uri = BaseUri;
            string from = "-BaseUri";
            _baseUriSource = "BaseUri parameter";
            if (uri is null)
            {
                (string? variable, string? fromEnv) = FirstSet(BaseUriVariables);
                if (variable is null)
                {
                    _baseUriSource = "default";
                }
                else
                {
                    if (!Uri.TryCreate(fromEnv, UriKind.Absolute, out uri))
                    {
                        ThrowTerminatingError(Errors.New(ErrorIds.InvalidBaseUri, ErrorCategory.InvalidArgument, fromEnv,
                            $"{variable} '{fromEnv}' is not an absolute URI.", $"Set it to the API root, such as {DefaultBaseUri}."));
                    }

                    from = variable;
                    _baseUriSource = "environment variable " + variable;
                }
            }

            uri ??= new Uri(DefaultBaseUri);
            if (!uri!.IsAbsoluteUri)
            {
                ThrowTerminatingError(Errors.New(ErrorIds.InvalidBaseUri, ErrorCategory.InvalidArgument, uri,
                    $"{from} '{uri}' is not an absolute URI.", $"Pass the API root, such as {DefaultBaseUri}."));
            }

            try
            {
                UriPolicy.RefuseInsecure(uri);
            }
            catch (InsecureBaseUriException ex)
            {
                ThrowTerminatingError(Errors.New(ErrorIds.InsecureBaseUri, ErrorCategory.SecurityError, uri.GetLeftPart(UriPartial.Authority), ex.Message,
                    "Use https (plain http is allowed only for loopback addresses such as a local sandbox).", ex));
            }

            return uri;
        }

        private ITokenProvider ResolveToken()
        {
            switch (ParameterSetName)
            {
                case TokenSet:
                    return new StaticTokenProvider(Plain(AccessToken!, "-AccessToken"), "AccessToken parameter");
                case CredentialSet:
                    return new StaticTokenProvider(Plain(Credential!.Password, "-Credential password"), "Credential parameter");
                case ClientSecretSet:
                    return new ClientCredentialsTokenProvider(ClientId!, Plain(ClientSecret!, "-ClientSecret"), "OAuth client credentials (ClientId parameter)", ResolveTokenUri());
                case ClientCredentialSet:
                    return new ClientCredentialsTokenProvider(ClientCredential!.UserName, Plain(ClientCredential.Password, "-ClientCredential password"),
                        "OAuth client credentials (ClientCredential parameter)", ResolveTokenUri());
            }

            (string? tokenVariable, string? token) = FirstSet(TokenVariables);
            if (tokenVariable != null)
            {
                return new StaticTokenProvider(token!, "environment variable " + tokenVariable);
            }

            string? clientId = Environment.GetEnvironmentVariable("TALLYFY_CLIENT_ID");
            string? secret = Environment.GetEnvironmentVariable("TALLYFY_CLIENT_SECRET");
            if (!string.IsNullOrWhiteSpace(clientId) && !string.IsNullOrWhiteSpace(secret))
            {
                return new ClientCredentialsTokenProvider(clientId!.Trim(), secret!.Trim(), "environment variables TALLYFY_CLIENT_ID and TALLYFY_CLIENT_SECRET", ResolveTokenUri());
            }

            ThrowTerminatingError(Errors.New(ErrorIds.CredentialsRequired, ErrorCategory.AuthenticationError, null,
                "No credentials: pass -AccessToken (or -Credential, -ClientId/-ClientSecret), " +
                "or set TALLYFY_ACCESS_TOKEN (or TALLYFY_API_TOKEN; or TALLYFY_CLIENT_ID and TALLYFY_CLIENT_SECRET) and TALLYFY_ORG_ID.",
                "Connect-Tallyfy -OrganizationId <id> -AccessToken (Read-Host 'Tallyfy token' -AsSecureString)"));
            return null!;
        }

        private string? _tokenUriSource;

        /// <summary>The OAuth token endpoint: -TokenUri, else TALLYFY_TOKEN_URI, else null (oauth/token under the base URI).</summary>
        private Uri? ResolveTokenUri()
        {
            Uri? uri = TokenUri;
            string from = "-TokenUri";
            _tokenUriSource = "TokenUri parameter";
            if (uri is null)
            {
                (string? variable, string? fromEnv) = FirstSet(new[] { TokenUriVariable });
                if (variable is null)
                {
                    _tokenUriSource = "default";
                    return null;
                }

                from = variable;
                _tokenUriSource = "environment variable " + variable;
                if (!Uri.TryCreate(fromEnv, UriKind.Absolute, out uri))
                {
                    uri = null;
                }
            }

            if (uri is null || !uri.IsAbsoluteUri)
            {
                ThrowTerminatingError(Errors.New(ErrorIds.InvalidBaseUri, ErrorCategory.InvalidArgument, uri?.OriginalString,
                    $"{from} '{uri?.OriginalString ?? Environment.GetEnvironmentVariable(TokenUriVariable)}' is not an absolute URI.",
                    $"Pass the OAuth token endpoint itself, such as {DefaultBaseUri}/oauth/token."));
            }

            try
            {
                UriPolicy.RefuseInsecure(uri!);
            }
            catch (InsecureBaseUriException ex)
            {
                ThrowTerminatingError(Errors.New(ErrorIds.InsecureBaseUri, ErrorCategory.SecurityError, uri!.GetLeftPart(UriPartial.Authority),
                    $"{from}: {ex.Message}", "Use https (plain http is allowed only for loopback addresses such as a local sandbox).", ex));
            }

            return uri;
        }

        private string Plain(SecureString secure, string what)
        {
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
                string value = Marshal.PtrToStringUni(ptr) ?? string.Empty;
                if (string.IsNullOrWhiteSpace(value))
                {
                    ThrowTerminatingError(Errors.New(ErrorIds.CredentialsRequired, ErrorCategory.InvalidArgument, null, $"{what} is empty.",
                        "Pass the token or secret itself (Read-Host -AsSecureString), not an empty value."));
                }

                return value;
            }
            finally
            {
                if (ptr != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                }
            }
        }
    }
}
