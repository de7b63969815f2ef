using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Which requests count against the hourly comment cap: every POST of a comment, a problem report or a resolve, on a
/// task, a run's task or a run itself (process level), matched by the route's shape so that every endpoint of that shape counts.
/// </summary>
internal static class CommentCap
{
    private static readonly Regex Route = new Regex(
        "^/api/organizations/[^/]+/((runs/[^/]+/)?tasks/[^/]+|runs/[^/]+)/(comment|problem|resolved-threads)/?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static bool IsCommentPost(string method, string path) =>
        string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase) && Route.IsMatch(path);

    public static ApiResult Reached(LimitSettings limits, int retryAfterSeconds) => ApiResult.TooManyRequests(
        $"Too many comments: this organization may post {limits.CommentsPerWindow.ToString(CultureInfo.InvariantCulture)} comments per {limits.CommentWindowSeconds.ToString(CultureInfo.InvariantCulture)} seconds (comments, problem reports and resolves all count).",
        retryAfterSeconds);
}
