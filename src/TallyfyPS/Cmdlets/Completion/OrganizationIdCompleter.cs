using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Tab completion of Connect-Tallyfy -OrganizationId from the organizations the token belongs to (GET me/organizations),
    /// when a token is known: TALLYFY_ACCESS_TOKEN (or TALLYFY_API_TOKEN) at -BaseUri (or TALLYFY_BASE_URI, or Tallyfy's),
    /// else the current session's. One request, sent once, 2 seconds at most; what it gave (even nothing) is kept a minute
    /// per token and address, so Tab never waits twice. Silent: no token, no network, any failure completes nothing.
    /// </summary>
    public sealed class OrganizationIdCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
        private static readonly Dictionary<string, (DateTime At, IReadOnlyList<TallyfyOrganization> List)> Known =
            new Dictionary<string, (DateTime, IReadOnlyList<TallyfyOrganization>)>(StringComparer.Ordinal);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                string word = (wordToComplete ?? string.Empty).Trim('\'', '"', ' ');
                return Organizations(fakeBoundParameters)
                    .Where(o => o.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) ||
                        (o.Name ?? string.Empty).IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                    .Select(o => new CompletionResult(o.Id, o.Id, CompletionResultType.ParameterValue, o.Name ?? o.Id))
                    .ToArray();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>(); // completion must never disturb typing
            }
        }

        private static IReadOnlyList<TallyfyOrganization> Organizations(IDictionary? bound)
        {
            string? token = Environment.GetEnvironmentVariable("TALLYFY_ACCESS_TOKEN") is string a && a.Trim().Length > 0 ? a
                : Environment.GetEnvironmentVariable("TALLYFY_API_TOKEN") is string b && b.Trim().Length > 0 ? b : null;
            TallyfySession? session = SessionStore.Current;
            TallyfyApi? sessionApi = session is null || session.IsDisconnected ? null : SessionStore.ConnectionOf(session)?.Api;
            string? typedBase = (bound?["BaseUri"] as PSObject)?.BaseObject?.ToString() ?? bound?["BaseUri"]?.ToString();
            Uri? baseUri = Uri.TryCreate(typedBase ?? Environment.GetEnvironmentVariable("TALLYFY_BASE_URI") ?? Environment.GetEnvironmentVariable("TALLYFY_BASE_URL")
                ?? (token is null && sessionApi != null ? sessionApi.Http.Options.BaseUri.AbsoluteUri : ConnectTallyfyCommand.DefaultBaseUri), UriKind.Absolute, out Uri? parsed) ? parsed : null;
            if (baseUri is null || (token is null && sessionApi is null))
            {
                return Array.Empty<TallyfyOrganization>();
            }

            string key = UriPolicy.NormalizeBase(baseUri).AbsoluteUri + "|" + (token is null ? "session:" + session!.GetHashCode() : Fingerprint(token));
            lock (Known)
            {
                if (Known.TryGetValue(key, out (DateTime At, IReadOnlyList<TallyfyOrganization> List) cached) && DateTime.UtcNow - cached.At < Lifetime)
                {
                    return cached.List;
                }
            }

            IReadOnlyList<TallyfyOrganization> list = Read(token, baseUri, sessionApi);
            lock (Known)
            {
                Known[key] = (DateTime.UtcNow, list);
            }

            return list;
        }

        private static IReadOnlyList<TallyfyOrganization> Read(string? token, Uri baseUri, TallyfyApi? sessionApi)
        {
            TallyfyApi? own = null;
            try
            {
                TallyfyApi api = sessionApi!;
                if (token != null)
                {
                    var options = new TallyfyClientOptions(baseUri, new StaticTokenProvider(token, "TALLYFY_ACCESS_TOKEN")) { MaxRetries = 0, RequestTimeout = Budget };
                    own = api = new TallyfyApi(new TallyfyClient(options));
                }

                using var timeout = new CancellationTokenSource(Budget);
                using var context = new CallContext(timeout.Token);
                Task<IReadOnlyList<TallyfyOrganization>> read = Task.Run(() => api.ListOrganizations(singleTry: true).AllAsync(context));
                return read.Wait(Budget + TimeSpan.FromMilliseconds(250)) ? read.Result : Array.Empty<TallyfyOrganization>();
            }
            catch (Exception)
            {
                return Array.Empty<TallyfyOrganization>();
            }
            finally
            {
                own?.Dispose();
            }
        }

        private static string Fingerprint(string token)
        {
            using SHA256 sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(token.Trim())));
        }
    }
}
