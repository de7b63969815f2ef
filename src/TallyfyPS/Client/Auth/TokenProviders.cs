using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>Gives the client a bearer token. Implementations hold the secret privately and never print it.</summary>
    internal interface ITokenProvider
    {
        /// <summary>How the token was obtained, for users ("AccessToken parameter", "OAuth client credentials", ...). Never the value.</summary>
        string Source { get; }

        /// <summary>True when <see cref="GetTokenAsync"/> with renew can produce a different, fresh token.</summary>
        bool CanRenew { get; }

        /// <param name="client">The client to ask for a token with (OAuth).</param>
        /// <param name="renew">True after the service refused the current token (401): get a fresh one.</param>
        /// <param name="context">The command call the token is needed for (its cancellation and trace).</param>
        Task<string> GetTokenAsync(TallyfyClient client, bool renew, CallContext context);
    }

    /// <summary>A personal access token: fixed for the session's life.</summary>
    internal sealed class StaticTokenProvider : ITokenProvider
    {
        private readonly string _token;

        public StaticTokenProvider(string token, string source)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new ArgumentException("The access token is empty.", nameof(token));
            }

            _token = token.Trim();
            Source = source;
        }

        public string Source { get; }

        public bool CanRenew => false;

        public Task<string> GetTokenAsync(TallyfyClient client, bool renew, CallContext context) =>
            Task.FromResult(_token);

        public override string ToString() => "StaticTokenProvider(" + Source + ")";
    }

    /// <summary>
    /// OAuth client credentials: asks POST /oauth/token for a token, renews it shortly before it
    /// expires or when the service answers 401. One renewal at a time, shared by all threads.
    /// </summary>
    internal sealed class ClientCredentialsTokenProvider : ITokenProvider
    {
        private readonly string _clientId;
        private readonly string _clientSecret;
        private readonly SemaphoreSlim _lock = new SemaphoreSlim(1, 1);
        private string? _token;
        private DateTimeOffset _expiresAt;
        private int _generation;

        /// <param name="tokenUri">The token endpoint; null: oauth/token under the API root (the contract's default).</param>
        public ClientCredentialsTokenProvider(string clientId, string clientSecret, string source, Uri? tokenUri = null)
        {
            _clientId = clientId ?? throw new ArgumentNullException(nameof(clientId));
            _clientSecret = clientSecret ?? throw new ArgumentNullException(nameof(clientSecret));
            Source = source;
            if (tokenUri != null)
            {
                UriPolicy.RefuseInsecure(tokenUri);
            }

            TokenUri = tokenUri;
        }

        public string Source { get; }

        /// <summary>The token endpoint set on its own; null: oauth/token under the API root.</summary>
        public Uri? TokenUri { get; }

        public bool CanRenew => true;

        public async Task<string> GetTokenAsync(TallyfyClient client, bool renew, CallContext context)
        {
            int seen = Volatile.Read(ref _generation);
            string? current = Volatile.Read(ref _token);
            if (!renew && current != null && DateTimeOffset.UtcNow < _expiresAt)
            {
                return current;
            }

            await _lock.WaitAsync(context.Cancellation).ConfigureAwait(false);
            try
            {
                // Another thread renewed while we waited: use its token.
                if (_token != null && _generation != seen && DateTimeOffset.UtcNow < _expiresAt)
                {
                    return _token;
                }

                if (!renew && _token != null && DateTimeOffset.UtcNow < _expiresAt)
                {
                    return _token;
                }

                var form = new List<KeyValuePair<string, string>>
                {
                    new KeyValuePair<string, string>("grant_type", "client_credentials"),
                    new KeyValuePair<string, string>("client_id", _clientId),
                    new KeyValuePair<string, string>("client_secret", _clientSecret),
                    new KeyValuePair<string, string>("scope", "*"),
                };
                using ApiResponse answer = await client.SendAsync(
                    new ApiRequest(HttpMethod.Post, Paths.OAuthToken) { Address = TokenUri, Form = form, Anonymous = true, Repeatable = true }, context.NewCounter()).ConfigureAwait(false);
                JsonElement root = Read(answer);
                string token = Json.String(root, "access_token") ?? throw new TallyfyApiException(
                    TallyfyErrorKind.InvalidResponse, "The OAuth token answer has no access_token.");
                long lifetime = Json.Long(root, "expires_in") ?? 3600;
                // Renew at 90% of the lifetime, and at least a few seconds early.
                double seconds = Math.Max(1, Math.Min(lifetime * 0.9, lifetime - 5));
                _expiresAt = DateTimeOffset.UtcNow.AddSeconds(seconds);
                Volatile.Write(ref _token, token);
                Interlocked.Increment(ref _generation);
                return token;
            }
            finally
            {
                _lock.Release();
            }
        }

        /// <summary>The token answer, or the reason the sign-in failed (a refused client is Unauthorized).</summary>
        private static JsonElement Read(ApiResponse answer)
        {
            if (!answer.IsSuccess)
            {
                TallyfyApiException error = answer.ToException();
                TallyfyErrorKind kind = answer.Status == 400 || answer.Status == 401 ? TallyfyErrorKind.Unauthorized : error.Kind;
                throw new TallyfyApiException(kind, "Signing in with the OAuth client failed: " + error.Message.TrimEnd('.') + ".",
                    answer.Status, error.ErrorCode, error.RequestId);
            }

            if (answer.Body is null || answer.Body.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse, "The OAuth token answer is empty.", answer.Status);
            }

            return answer.Body.RootElement;
        }

        public override string ToString() => "ClientCredentialsTokenProvider(" + Source + ")";
    }
}
