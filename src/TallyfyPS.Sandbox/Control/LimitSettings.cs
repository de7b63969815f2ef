namespace TallyfyPS.Sandbox;

/// <summary>The service's own limits that tests need to reach quickly (<c>PUT /_sandbox/limits</c>). camelCase on the wire.</summary>
public sealed class LimitSettings
{
    /// <summary>
    /// Comment posts allowed per organization in one window (Tallyfy: 120 per hour). Every POST of a comment, a problem
    /// report or a resolve counts (<c>.../tasks/{t}/comment</c>, <c>/problem</c>, <c>/resolved-threads</c>, under a run too).
    /// </summary>
    public int CommentsPerWindow { get; set; } = 120;

    /// <summary>The rolling window of the comment cap, in seconds (Tallyfy: 3600).</summary>
    public int CommentWindowSeconds { get; set; } = 3600;

    /// <summary>Guest invites allowed per organization in one window (Tallyfy: 30 per hour): POST /guests, and every
    /// email that becomes a guest because a task, step or run was assigned to it.</summary>
    public int GuestInvitesPerWindow { get; set; } = 30;

    /// <summary>The rolling window of the guest-invite cap, in seconds (Tallyfy: 3600).</summary>
    public int GuestInviteWindowSeconds { get; set; } = 3600;

    /// <summary>Reads of the activity feed allowed per user and minute before 429 ("rapid polling"); null: no limit.</summary>
    public int? ActivityFeedPerMinute { get; set; }

    public string? Validate()
    {
        if (CommentsPerWindow < 1)
        {
            return "commentsPerWindow must be >= 1";
        }

        if (CommentWindowSeconds is < 1 or > 86400)
        {
            return "commentWindowSeconds must be between 1 and 86400";
        }

        if (GuestInvitesPerWindow < 1)
        {
            return "guestInvitesPerWindow must be >= 1";
        }

        if (GuestInviteWindowSeconds is < 1 or > 86400)
        {
            return "guestInviteWindowSeconds must be between 1 and 86400";
        }

        if (ActivityFeedPerMinute is < 1)
        {
            return "activityFeedPerMinute must be >= 1 or null";
        }

        return null;
    }
}
