using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>
/// An <c>owners</c> object, <c>{"users":[int],"guests":[email],"groups":[id]}</c>, read whole: a bucket that is
/// missing is read as empty (what the service does: a partial owners object empties the other buckets).
/// </summary>
internal sealed record Owners(List<int> Users, List<string> Guests, List<string> Groups)
{
    /// <summary>Reads and checks the buckets; adds messages to <paramref name="errors"/> under <paramref name="prefix"/> and returns null when any is wrong.</summary>
    public static Owners? Read(JsonObject o, Organization org, string prefix, Dictionary<string, string> errors)
    {
        int before = errors.Count;
        var users = new List<int>();
        var guests = new List<string>();
        var groups = new List<string>();
        if (o["users"] is JsonNode un)
        {
            if (un is not JsonArray ua)
            {
                errors[prefix + ".users"] = $"The {prefix}.users must be an array of user ids.";
            }
            else
            {
                foreach (var u in ua)
                {
                    string? s = RequestValues.Str(u);
                    if (s is null || !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int id) || !org.Members.Any(m => m.Id == id))
                    {
                        errors[prefix + ".users"] = $"The selected {prefix}.users is invalid.";
                    }
                    else
                    {
                        users.Add(id);
                    }
                }
            }
        }

        if (o["guests"] is JsonNode gn)
        {
            if (gn is not JsonArray ga || ga.Any(g => RequestValues.Str(g) is not string e || !FieldValues.IsEmail(e)))
            {
                errors[prefix + ".guests"] = $"The {prefix}.guests must be an array of email addresses.";
            }
            else
            {
                guests.AddRange(ga.Select(g => RequestValues.Str(g)!));
            }
        }

        if (o["groups"] is JsonNode grn)
        {
            if (grn is not JsonArray gra || gra.Any(g => RequestValues.Str(g) is not string id || !org.Groups.Any(x => x.Id == id)))
            {
                errors[prefix + ".groups"] = $"The selected {prefix}.groups is invalid.";
            }
            else
            {
                groups.AddRange(gra.Select(g => RequestValues.Str(g)!));
            }
        }

        return errors.Count > before ? null : new Owners(users.Distinct().ToList(), guests.Distinct().ToList(), groups.Distinct().ToList());
    }

    /// <summary>
    /// (trap) Tallyfy makes an email assigned as an owner that is neither a member's nor a guest's a new guest of the
    /// organization, without a word (and e-mails it).
    /// </summary>
    public static void AdmitGuests(Organization org, IEnumerable<string> emails, DateTime now)
    {
        // (the guest-invite cap was checked and counted first: GuestInvitesReached)
        foreach (string email in emails)
        {
            if (org.Members.Any(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)) ||
                org.Guests.Any(g => string.Equals(g.Email, email, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            org.Guests.Add(new Guest { Email = email, FirstName = "", LastName = "", CreatedAt = now });
        }
    }

    /// <summary>The emails that would become new guests: neither a member's nor a guest's yet (each once).</summary>
    public static List<string> NewGuests(Organization org, IEnumerable<string> emails) => emails
        .Where(email => !org.Members.Any(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))
            && !org.Guests.Any(g => string.Equals(g.Email, email, StringComparison.OrdinalIgnoreCase)))
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();

    /// <summary>
    /// The hourly guest-invite cap (Tallyfy: 30 an hour per organization): the 429 when inviting the new guests among
    /// <paramref name="emails"/> would pass it (nothing is applied then), else null, with their invites counted.
    /// Call it before the request changes anything.
    /// </summary>
    public static ApiResult? GuestInvitesReached(ApiCall c, IEnumerable<string> emails)
    {
        int count = NewGuests(c.Org, emails).Count;
        if (count == 0)
        {
            return null;
        }

        var limits = c.Rt.Limits;
        var (slots, retryAfter) = c.Rt.Caps.TryTake(c.Org.Id, HourlyCaps.GuestInvites, count, limits.GuestInvitesPerWindow,
            TimeSpan.FromSeconds(limits.GuestInviteWindowSeconds), SandboxClock.Now());
        return slots is not null ? null : ApiResult.TooManyRequests(
            $"Too many guest invites: this organization may invite {limits.GuestInvitesPerWindow.ToString(CultureInfo.InvariantCulture)} guests per {limits.GuestInviteWindowSeconds.ToString(CultureInfo.InvariantCulture)} seconds.",
            retryAfter);
    }

    public void ApplyTo(TaskItem t)
    {
        t.OwnerUsers.Clear();
        t.OwnerUsers.AddRange(Users);
        t.OwnerGuests.Clear();
        t.OwnerGuests.AddRange(Guests);
        t.OwnerGroups.Clear();
        t.OwnerGroups.AddRange(Groups);
    }
}
