using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Signs in to Tallyfy with a personal access token, an OAuth client, or the TALLYFY_* environment
    /// variables, checks the sign-in with GET /me, and makes the session current.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Tallyfy", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(TallyfySession))]
    public sealed class ConnectTallyfyCommand : PSCmdlet, IDisposable
    {
        public const string DefaultBaseUri = "https://go.tallyfy.com/api";
        private const string TokenSet = "AccessToken";
        private const string CredentialSet = "Credential";
        private const string ClientSecretSet = "ClientSecret";
        private const string ClientCredentialSet = "ClientCredential";
        private const string EnvironmentSet = "Environment";
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

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
        public string? OrganizationId { get; set; }

        /// <summary>The API root. Default: TALLYFY_BASE_URI, else https://go.tallyfy.com/api.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        /// <summary>How many times a failed request is retried (429, 5xx, lost connections). Default 5.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = 5;

        /// <summary>Seconds one request may take. Default 100.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>Return the session object.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void StopProcessing() => _cancellation.Cancel();

        protected override void EndProcessing()
        {
            string? org = OrganizationId ?? Environment.GetEnvironmentVariable("TALLYFY_ORG_ID");
            Uri baseUri = ResolveBaseUri();
            ITokenProvider token = ResolveToken();
            WriteVerbose($"Signing in to {baseUri.GetLeftPart(UriPartial.Path)} with {token.Source}.");

            var options = new TallyfyClientOptions(baseUri, token)
            {
                MaxRetries = MaxRetries,
                RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
                Trace = TallyfyCmdlet.RouteTrace,
            };
            TallyfyClient client;
            try
            {
                client = new TallyfyClient(options);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InsecureBaseUri", ErrorCategory.SecurityError, baseUri));
                return;
            }

            TallyfyUser user;
            List<TallyfyOrganization> organizations;
            try
            {
                var trace = new System.Collections.Concurrent.ConcurrentQueue<string>();
                Task<(TallyfyUser, List<TallyfyOrganization>)> signIn = TallyfyCmdlet.StartTraced(trace, () => SignInAsync(client, _cancellation.Token));
                try
                {
                    (user, organizations) = Wait(signIn);
                }
                finally
                {
                    while (trace.TryDequeue(out string? line))
                    {
                        WriteVerbose(line);
                    }
                }
            }
            catch (TallyfyApiException ex)
            {
                client.Dispose();
                bool auth = ex.Kind == TallyfyErrorKind.Unauthorized;
                string message = auth
                    ? $"Tallyfy refused the credentials ({token.Source}): {ex.Message} Check the token (tokens expire after about six months and when their user logs out) or the OAuth client."
                    : $"Could not sign in to Tallyfy at {baseUri.GetLeftPart(UriPartial.Path)}: {ex.Message}";
                // The same ErrorIds and categories as every other cmdlet (AuthenticationFailed, ConnectionFailed, ServerError, ...).
                ErrorRecord record = TallyfyCmdlet.ApiError(ex, "session", "sign-in", null, baseUri);
                ThrowTerminatingError(new ErrorRecord(ex, record.FullyQualifiedErrorId.Split(',')[0], record.CategoryInfo.Category, baseUri)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = record.ErrorDetails?.RecommendedAction },
                });
                return;
            }

            string? orgId = org is null ? null : Ids.Normalize(org);
            if (org != null && orgId is null)
            {
                client.Dispose();
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"'{Ids.Display(org)}' is not a Tallyfy organization id (32 hexadecimal characters)."),
                    "InvalidOrganizationId", ErrorCategory.InvalidArgument, org));
            }

            if (orgId is null)
            {
                if (organizations.Count == 1)
                {
                    orgId = organizations[0].Id;
                }
                else
                {
                    client.Dispose();
                    string known = organizations.Count == 0 ? "none was listed"
                        : string.Join(", ", organizations.Select(o => $"{o.Id} ({o.Name})"));
                    ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException($"Name the organization with -OrganizationId (or TALLYFY_ORG_ID); this user belongs to: {known}."),
                        "OrganizationRequired", ErrorCategory.InvalidArgument, null));
                }
            }

            TallyfyOrganization? match = organizations.FirstOrDefault(o => string.Equals(o.Id, orgId, StringComparison.OrdinalIgnoreCase));
            if (match is null && organizations.Count > 0)
            {
                WriteWarning($"Organization {orgId} is not among the organizations this user belongs to; calls to it may be refused.");
            }

            var session = new TallyfySession(client, user, orgId!, match?.Name);
            SessionStore.Set(session);
            WriteVerbose($"Connected as {user} to {session.OrganizationName ?? session.OrganizationId}.");
            if (PassThru)
            {
                WriteObject(session);
            }
        }

        private static async Task<(TallyfyUser, List<TallyfyOrganization>)> SignInAsync(TallyfyClient client, CancellationToken ct)
        {
            TallyfyUser user;
            using (ApiResponse me = await client.SendAsync(HttpMethod.Get, "me", cancellationToken: ct).ConfigureAwait(false))
            {
                me.EnsureSuccess();
                user = Mapper.User(me.Data());
            }

            var organizations = new List<TallyfyOrganization>();
            using (ApiResponse orgs = await client.SendAsync(HttpMethod.Get, "me/organizations", cancellationToken: ct).ConfigureAwait(false))
            {
                if (orgs.IsSuccess && orgs.Body?.RootElement.ValueKind == JsonValueKind.Object &&
                    orgs.Body.RootElement.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement o in data.EnumerateArray())
                    {
                        organizations.Add(Mapper.Organization(o));
                    }
                }
            }

            return (user, organizations);
        }

        private T Wait<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        private Uri ResolveBaseUri()
        {
            Uri? uri = BaseUri;
            if (uri is null)
            {
                string? fromEnv = Environment.GetEnvironmentVariable("TALLYFY_BASE_URI");
                if (!string.IsNullOrWhiteSpace(fromEnv))
                {
                    if (!Uri.TryCreate(fromEnv!.Trim(), UriKind.Absolute, out uri))
                    {
                        ThrowTerminatingError(new ErrorRecord(new ArgumentException($"TALLYFY_BASE_URI '{fromEnv}' is not an absolute URI."),
                            "InvalidBaseUri", ErrorCategory.InvalidArgument, fromEnv));
                    }
                }
            }

            uri ??= new Uri(DefaultBaseUri);
            if (!uri!.IsAbsoluteUri)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"The base URI '{uri}' is not absolute (for example https://go.tallyfy.com/api)."),
                    "InvalidBaseUri", ErrorCategory.InvalidArgument, uri));
            }

            try
            {
                TallyfyClient.RefuseInsecure(uri);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InsecureBaseUri", ErrorCategory.SecurityError, uri.GetLeftPart(UriPartial.Authority))
                {
                    ErrorDetails = new ErrorDetails(ex.Message.Split(new[] { " (Parameter" }, StringSplitOptions.None)[0]),
                });
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
                    return new ClientCredentialsTokenProvider(ClientId!, Plain(ClientSecret!, "-ClientSecret"), "OAuth client credentials (ClientId parameter)");
                case ClientCredentialSet:
                    return new ClientCredentialsTokenProvider(ClientCredential!.UserName, Plain(ClientCredential.Password, "-ClientCredential password"),
                        "OAuth client credentials (ClientCredential parameter)");
            }

            string? token = Environment.GetEnvironmentVariable("TALLYFY_ACCESS_TOKEN");
            if (!string.IsNullOrWhiteSpace(token))
            {
                return new StaticTokenProvider(token!, "environment variable TALLYFY_ACCESS_TOKEN");
            }

            string? clientId = Environment.GetEnvironmentVariable("TALLYFY_CLIENT_ID");
            string? secret = Environment.GetEnvironmentVariable("TALLYFY_CLIENT_SECRET");
            if (!string.IsNullOrWhiteSpace(clientId) && !string.IsNullOrWhiteSpace(secret))
            {
                return new ClientCredentialsTokenProvider(clientId!.Trim(), secret!.Trim(), "environment variables TALLYFY_CLIENT_ID and TALLYFY_CLIENT_SECRET");
            }

            const string message = "No credentials: pass -AccessToken (or -Credential, -ClientId/-ClientSecret), " +
                "or set TALLYFY_ACCESS_TOKEN (or TALLYFY_CLIENT_ID and TALLYFY_CLIENT_SECRET) and TALLYFY_ORG_ID.";
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "CredentialsRequired", ErrorCategory.AuthenticationError, null)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Connect-Tallyfy -OrganizationId <id> -AccessToken (Read-Host 'Tallyfy token' -AsSecureString)",
                },
            });
            return null!;
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
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"{what} is empty."), "CredentialsRequired", ErrorCategory.InvalidArgument, null));
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

        public void Dispose() => _cancellation.Dispose();
    }

    /// <summary>Forgets the current session (or the one given) and closes its connections.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Tallyfy")]
    [OutputType(typeof(void))]
    public sealed class DisconnectTallyfyCommand : PSCmdlet
    {
        /// <summary>The session to close; default the current one.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public TallyfySession? Session { get; set; }

        protected override void ProcessRecord()
        {
            TallyfySession? current = SessionStore.Current;
            TallyfySession? target = Session ?? current;
            if (target is null)
            {
                WriteVerbose("No Tallyfy session to disconnect.");
                return;
            }

            if (ReferenceEquals(target, current))
            {
                SessionStore.Clear();
            }

            target.IsDisconnected = true;
            target.Client.Dispose();
            WriteVerbose($"Disconnected {target}.");
        }
    }

    /// <summary>Shows the current session: user, organization, base URI and where the credentials came from.</summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyContext")]
    [OutputType(typeof(TallyfySession))]
    public sealed class GetTallyfyContextCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            TallyfySession? session = SessionStore.Current;
            if (session is null)
            {
                const string message = "You are not connected to Tallyfy. Run Connect-Tallyfy first.";
                WriteError(new ErrorRecord(new InvalidOperationException(message), "NoSession", ErrorCategory.AuthenticationError, null)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Connect-Tallyfy -OrganizationId <id> -AccessToken <SecureString>" },
                });
                return;
            }

            WriteObject(session);
        }
    }
}
