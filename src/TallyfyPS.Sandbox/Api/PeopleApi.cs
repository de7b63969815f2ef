using System;
using System.Globalization;
using System.Linq;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>Members, guests and groups of the organization.</summary>
internal static class PeopleApi
{
    /// <summary>The members list's page size when none is asked for: the service sends everyone at once.</summary>
    public const int MembersDefaultPerPage = 9999;

    public static void Map(ApiRoutes r)
    {
        r.Org("GET", "/users", Members);
        r.Org("GET", "/users/{user}", Member);
        r.Org("GET", "/guests", Guests);
        r.Org("POST", "/guests", CreateGuest, body: true);
        r.Org("GET", "/groups", Groups);
        MembersApi.Map(r);
        GroupsApi.Map(r);
    }

    private static bool Has(string? value, string q) => value is not null && value.IndexOf(q, StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>POST /guests: a new guest (counts against the hourly guest-invite cap); 422 for a member's email or a guest's.</summary>
    private static ApiResult CreateGuest(ApiCall c)
    {
        var body = c.Body as System.Text.Json.Nodes.JsonObject ?? new System.Text.Json.Nodes.JsonObject();
        string? email = Str(body["email"])?.Trim();
        if (string.IsNullOrEmpty(email) || !FieldValues.IsEmail(email))
        {
            return ApiResult.Invalid("email", "The email must be a valid email address.");
        }

        if (Owners.NewGuests(c.Org, new[] { email }).Count == 0)
        {
            return ApiResult.Invalid("email", "The email is already a member or a guest of this organization.");
        }

        if (Owners.GuestInvitesReached(c, new[] { email }) is { } tooMany)
        {
            return tooMany;
        }

        var guest = new Guest
        {
            Email = email,
            FirstName = Str(body["first_name"]) ?? "",
            LastName = Str(body["last_name"]) ?? "",
            CompanyName = Str(body["company_name"]) ?? "",
            CreatedAt = SandboxClock.Now(),
        };
        c.Org.Guests.Add(guest);
        return new ApiResult(201, ApiJson.Wrap(ApiJson.Guest(guest)));
    }

    private static ApiResult Members(ApiCall c)
    {
        string? q = c.Query("q");
        var with = c.With();
        var members = c.Org.Members.Where(u => string.IsNullOrEmpty(q) || Has(u.FullName, q) || Has(u.Email, q) || Has(u.Username, q));
        return Paging.Page(c, members, u => c.Json.User(u, with), MembersDefaultPerPage, MembersDefaultPerPage);
    }

    private static ApiResult Member(ApiCall c)
    {
        if (c.User.Role != Role.Admin)
        {
            return ApiResult.Forbidden("Only administrators can read a member's profile.");
        }

        return int.TryParse(c.Route("user"), NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            && c.Org.Members.FirstOrDefault(m => m.Id == id) is { } u
            ? ApiResult.Ok(ApiJson.Wrap(c.Json.User(u, c.With())))
            : ApiResult.NotFound();
    }

    private static ApiResult Guests(ApiCall c)
    {
        string? q = c.Query("q");
        return Paging.Page(c, c.Org.Guests.Where(g => string.IsNullOrEmpty(q) || Has(g.Email, q)), g => ApiJson.Guest(g));
    }

    private static ApiResult Groups(ApiCall c)
    {
        string? q = c.Query("q");
        var with = c.With();
        return Paging.Page(c, c.Org.Groups.Where(g => string.IsNullOrEmpty(q) || Has(g.Name, q)), g => c.Json.Group(g, with));
    }
}
