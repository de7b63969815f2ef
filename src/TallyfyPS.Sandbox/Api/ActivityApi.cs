using System;
using System.Globalization;
using System.Linq;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>
/// <c>GET /activity-feeds</c>, the audit log: every change the sandbox applies, with who made it. Entries outlive
/// what they are about; once that was deleted permanently, only administrators see them.
/// </summary>
internal static class ActivityApi
{
    public const int DefaultPerPage = 20;

    public static void Map(ApiRoutes r)
    {
        r.Org("GET", "/activity-feeds", List);
    }

    private static ApiResult List(ApiCall c)
    {
        if (c.Rt.Limits.ActivityFeedPerMinute is int limit)
        {
            var (allowed, _, retry) = c.Rt.ActivityFeedLimiter.Hit("u:" + c.User.Id.ToString(CultureInfo.InvariantCulture), limit, true, DateTime.UtcNow, TimeSpan.FromMinutes(1));
            if (!allowed)
            {
                return ApiResult.TooManyRequests("Too many requests to the activity feed: poll less often.", Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)));
            }
        }

        var types = CsvSet(c.Query("entity_type"));
        string? entityId = c.Query("entity_id");
        // One verb a request, as the service takes it: "completed,archived" is one verb no entry has, so nothing.
        string? verb = c.Query("verb")?.Trim().ToLowerInvariant();
        string? actorId = c.Query("actor_id");
        string? actorEmail = c.Query("actor_email");
        DateTime? after = null;
        DateTime? before = null;
        foreach (var (name, set) in new (string, Action<DateTime>)[] { ("created_after", d => after = d), ("created_before", d => before = d.AddDays(1)) })
        {
            string? v = c.Query(name);
            if (string.IsNullOrEmpty(v))
            {
                continue;
            }

            if (!DateTime.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
            {
                return ApiResult.Invalid(name, $"The {name.Replace('_', ' ')} must be a date in the format YYYY-MM-DD.");
            }

            set(DateTime.SpecifyKind(d, DateTimeKind.Utc));
        }

        string sort = c.Query("sort") ?? "-created_at";
        if (sort is not ("-created_at" or "created_at"))
        {
            return ApiResult.Invalid("sort", "The selected sort is invalid.");
        }

        bool admin = c.User.Role == Role.Admin;
        var entries = c.Org.Activity.Where(e =>
            (admin || !e.SubjectDeleted)
            && (types.Count == 0 || types.Contains(e.AuditableType))
            && (string.IsNullOrEmpty(entityId) || string.Equals(e.AuditableId, entityId, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(verb) || e.Verb == verb)
            && (string.IsNullOrEmpty(actorId) || e.ActorId?.ToString(CultureInfo.InvariantCulture) == actorId)
            && (string.IsNullOrEmpty(actorEmail) || string.Equals(e.ActorEmail, actorEmail, StringComparison.OrdinalIgnoreCase))
            && (after is null || e.CreatedAt >= after)
            && (before is null || e.CreatedAt < before));
        var ordered = sort == "created_at"
            ? entries.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            : entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id);
        return Paging.Page(c, ordered, e => c.Json.Activity(e), DefaultPerPage);
    }
}
