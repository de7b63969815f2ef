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

    /// <summary>
    /// Seat billing: the seats of the full pool (admin and standard members), null for no limit. An invite, a role change
    /// or an enable that would take one more than there are answers 409 <c>SEAT_POOL_EXHAUSTED</c> (pool <c>full</c>).
    /// Active and invited members hold a seat; disabled ones and bots do not.
    /// </summary>
    public int? SeatsFull { get; set; }

    /// <summary>Seat billing: the seats of the light pool (light members), null for no limit (pool <c>light</c>).</summary>
    public int? SeatsLight { get; set; }

    public string? Validate()
    {
        if (SeatsFull is < 0 || SeatsLight is < 0)
        {
            return "seatsFull and seatsLight must be >= 0 or null";
        }

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
