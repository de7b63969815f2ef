using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TallyfyPS.Sandbox;

/// <summary>The Tallyfy API under /api: one class per area.</summary>
public static class ApiEndpoints
{
    public static void Map(WebApplication app, SandboxRuntime rt)
    {
        var routes = new ApiRoutes(app, rt);
        MeApi.Map(routes);
        RunsApi.Map(routes);
        LaunchApi.Map(routes);
        TasksApi.Map(routes);
        TaskUpdatesApi.Map(routes);
        CompletionApi.Map(routes);
        CommentsApi.Map(routes);
        ProblemsApi.Map(routes);
        TemplatesApi.Map(routes);
        StepsApi.Map(routes);
        PeopleApi.Map(routes);
        TagsApi.Map(routes);
        FoldersApi.Map(routes);
        ActivityApi.Map(routes);
        // The token endpoint under the base URL (the contract's default; 404 with switch oauthTokenUnderApi) and at the
        // site's root without /api, where some of Tallyfy's pages put it (Connect-Tallyfy -TokenUri).
        app.MapMethods(OAuth.ApiPath, new[] { "POST" }, (RequestDelegate)(ctx => rt.Switches.OauthTokenUnderApi == "404"
            ? ResponseWriter.WriteAsync(ctx, ApiResult.EndpointNotFound())
            : OAuth.TokenAsync(ctx, rt)));
        app.MapMethods(OAuth.RootPath, new[] { "POST" }, (RequestDelegate)(ctx => OAuth.TokenAsync(ctx, rt)));
    }
}
