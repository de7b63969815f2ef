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
        PeopleApi.Map(routes);
        TagsApi.Map(routes);
        FoldersApi.Map(routes);
        ActivityApi.Map(routes);
        app.MapMethods("/api/oauth/token", new[] { "POST" }, (RequestDelegate)(ctx => OAuth.TokenAsync(ctx, rt)));
    }
}
