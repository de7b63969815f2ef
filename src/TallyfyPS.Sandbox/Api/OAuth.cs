using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace TallyfyPS.Sandbox;

/// <summary>POST /api/oauth/token and POST /oauth/token (form-encoded only).</summary>
public static class OAuth
{
    /// <summary>The token endpoint under the base URL.</summary>
    public const string ApiPath = "/api/oauth/token";

    /// <summary>The token endpoint at the site's root, without /api.</summary>
    public const string RootPath = "/oauth/token";

    /// <summary>Whether a path is one of the token endpoints (no bearer token needed).</summary>
    public static bool IsTokenPath(Microsoft.AspNetCore.Http.PathString path) =>
        path.Equals(ApiPath, StringComparison.OrdinalIgnoreCase) || path.Equals(RootPath, StringComparison.OrdinalIgnoreCase);

    private static ApiResult OAuthError(int status, string error, string message) =>
        new ApiResult(status, new JsonObject { ["error"] = error, ["message"] = message });

    public static async Task TokenAsync(HttpContext ctx, SandboxRuntime rt)
    {
        if (!ctx.Request.HasFormContentType)
        {
            await ResponseWriter.WriteAsync(ctx, OAuthError(400, "invalid_request", "The request must be application/x-www-form-urlencoded."));
            return;
        }

        IFormCollection form;
        try
        {
            form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        }
        catch (Exception ex) when (ex is System.IO.InvalidDataException or InvalidOperationException)
        {
            await ResponseWriter.WriteAsync(ctx, OAuthError(400, "invalid_request", "The request body could not be read."));
            return;
        }

        ApiResult result = Issue(rt, form["grant_type"].ToString(), form["client_id"].ToString(), form["client_secret"].ToString(),
            form["refresh_token"].ToString(), form["username"].ToString(), form["password"].ToString(), ctx);
        await ResponseWriter.WriteAsync(ctx, result);
    }

    private static ApiResult Issue(SandboxRuntime rt, string grant, string clientId, string clientSecret, string refresh, string username, string password, HttpContext ctx)
    {
        bool clientOk = clientId == SandboxState.OAuthClientId && clientSecret == SandboxState.OAuthClientSecret;
        int userId;
        bool withRefresh = true;
        var state = rt.State;
        lock (state.Gate)
        {
            switch (grant)
            {
                case "client_credentials":
                    if (!clientOk)
                    {
                        return OAuthError(401, "invalid_client", "Client authentication failed");
                    }

                    userId = SandboxState.OAuthClientUserId;
                    withRefresh = false;
                    break;
                case "refresh_token":
                    if (!clientOk)
                    {
                        return OAuthError(401, "invalid_client", "Client authentication failed");
                    }

                    if (string.IsNullOrEmpty(refresh) || !state.RefreshTokens.TryGetValue(refresh, out userId))
                    {
                        return OAuthError(400, "invalid_grant", "The refresh token is invalid.");
                    }

                    state.RefreshTokens.Remove(refresh);
                    break;
                case "password":
                    if ((clientId.Length > 0 || clientSecret.Length > 0) && !clientOk)
                    {
                        return OAuthError(401, "invalid_client", "Client authentication failed");
                    }

                    User? user = null;
                    foreach (var u in state.Users)
                    {
                        if (u.Status == "active" && string.Equals(u.Email, username, StringComparison.OrdinalIgnoreCase))
                        {
                            user = u;
                        }
                    }

                    if (user is null || password != SandboxState.UserPassword)
                    {
                        return OAuthError(400, "invalid_grant", "The user credentials were incorrect.");
                    }

                    userId = user.Id;
                    break;
                case "":
                    return OAuthError(400, "invalid_request", "The request is missing a required parameter: grant_type.");
                default:
                    return OAuthError(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
            }

            int lifetime = rt.Switches.OauthTokenLifetimeSeconds;
            string access = "tly-oauth-" + state.NewId() + state.NewId();
            state.AccessTokens[access] = new IssuedToken { UserId = userId, ExpiresAt = DateTime.UtcNow.AddSeconds(lifetime) };
            ctx.Items[ApiPipeline.UserKey] = state.UserById(userId);
            var o = new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = lifetime,
                ["access_token"] = access,
            };
            if (withRefresh)
            {
                string rt2 = "tly-refresh-" + state.NewId() + state.NewId();
                state.RefreshTokens[rt2] = userId;
                o["refresh_token"] = rt2;
            }

            return ApiResult.Ok(o);
        }
    }
}
