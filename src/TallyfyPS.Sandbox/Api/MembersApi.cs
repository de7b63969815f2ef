using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Member writes (admins only, 403 for others): invite, role, disable, enable, deactivate (with Tallyfy's all-or-nothing
/// reassignment) and delete for good, with seat billing (<see cref="LimitSettings.SeatsFull"/>, <see cref="LimitSettings.SeatsLight"/>).
/// </summary>
internal static class MembersApi
{
    public const int MaxName = 32;
    public const int MaxMessage = 5000;

    public static void Map(ApiRoutes r)
    {
        r.Org("POST", "/users/invite", Invite, body: true);
        r.Org("PUT", "/users/{user}/role", ChangeRole, body: true);
        r.Org("DELETE", "/users/{user}/disable", Disable);
        r.Org("PUT", "/users/{user}/enable", Enable);
        r.Org("DELETE", "/users/{user}", Deactivate);
        r.Org("DELETE", "/users/{user}/delete", DeleteForGood);
    }

    /// <summary>The 403 for a caller who is not an admin, else null.</summary>
    public static ApiResult? AdminOnly(ApiCall c, string what) =>
        c.User.Role == Role.Admin ? null : ApiResult.Forbidden($"Only administrators can {what}.");

    private static Role? ParseRole(string? s) => s?.Trim().ToLowerInvariant() switch
    {
        "admin" => Role.Admin,
        "standard" => Role.Standard,
        "light" => Role.Light,
        _ => null,
    };

    private static string Pool(Role role) => role == Role.Light ? "light" : "full";

    /// <summary>
    /// The 409 <c>SEAT_POOL_EXHAUSTED</c> when one more seat of <paramref name="role"/>'s pool (for someone other than
    /// <paramref name="except"/>) would pass the sandbox's limit, else null.
    /// </summary>
    private static ApiResult? SeatsExhausted(ApiCall c, Role role, int? except)
    {
        string pool = Pool(role);
        int? limit = pool == "full" ? c.Rt.Limits.SeatsFull : c.Rt.Limits.SeatsLight;
        if (limit is null)
        {
            return null;
        }

        int taken = c.Org.Members.Count(m => m.Id != except && !m.IsBot && m.Status != "disabled" && Pool(m.Role) == pool);
        return taken < limit.Value ? null : new ApiResult(409, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "SEAT_POOL_EXHAUSTED",
                ["message"] = $"Every {pool} seat of this organization is taken ({limit.Value.ToString(CultureInfo.InvariantCulture)}). Buy more seats or free one.",
                ["details"] = new JsonObject { ["pool_type"] = pool },
            },
        });
    }

    /// <summary>The member of the route in the caller's organization, or the 404.</summary>
    private static (User? Member, ApiResult? Error) Target(ApiCall c)
    {
        var member = int.TryParse(c.Route("user"), NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            ? c.Org.Members.FirstOrDefault(m => m.Id == id)
            : null;
        return member is null ? (null, ApiResult.NotFound()) : (member, null);
    }

    private static ApiResult Member(ApiCall c, User u) => ApiResult.Ok(ApiJson.Wrap(c.Json.User(u, new HashSet<string>())));

    /// <summary>POST /users/invite <c>{email, first_name, last_name, role, message}</c>: all five required; 422 for a member's email.</summary>
    private static ApiResult Invite(ApiCall c)
    {
        if (AdminOnly(c, "invite members") is { } denied)
        {
            return denied;
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? email = Str(body["email"])?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            errors["email"] = "The email field is required.";
        }
        else if (!FieldValues.IsEmail(email))
        {
            errors["email"] = "The email must be a valid email address.";
        }
        else if (c.Org.Members.Any(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase)))
        {
            errors["email"] = "The email is already a member of this organization.";
        }

        foreach (string field in new[] { "first_name", "last_name" })
        {
            string? name = Str(body[field])?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                errors[field] = $"The {field.Replace('_', ' ')} field is required.";
            }
            else if (name.Length > MaxName)
            {
                errors[field] = $"The {field.Replace('_', ' ')} may not be greater than {MaxName} characters.";
            }
        }

        string? roleText = Str(body["role"]);
        Role? role = ParseRole(roleText);
        if (string.IsNullOrEmpty(roleText))
        {
            errors["role"] = "The role field is required.";
        }
        else if (role is null)
        {
            errors["role"] = "The selected role is invalid.";
        }

        string? message = Str(body["message"]);
        if (string.IsNullOrWhiteSpace(message))
        {
            errors["message"] = "The message field is required.";
        }
        else if (message.Length > MaxMessage)
        {
            errors["message"] = $"The message may not be greater than {MaxMessage} characters.";
        }

        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        if (SeatsExhausted(c, role!.Value, null) is { } full)
        {
            return full;
        }

        var member = new User
        {
            Id = c.State.NextUserId(),
            Email = email!,
            Username = email!.Split('@')[0],
            FirstName = Str(body["first_name"])!.Trim(),
            LastName = Str(body["last_name"])!.Trim(),
            Timezone = "UTC",
            Role = role.Value,
            RoleText = role.Value.ToString().ToLowerInvariant(),
            Status = "invited",
            OrganizationId = c.Org.Id,
            CreatedAt = SandboxClock.Now(),
        };
        c.Org.Members.Add(member);
        c.State.Touch();
        c.Record("invited", "user", Id(member), $"invited {member.Email} as {member.RoleText}", text: message);
        return Member(c, member);
    }

    private static string Id(User u) => u.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>PUT /users/{id}/role <c>{role}</c>.</summary>
    private static ApiResult ChangeRole(ApiCall c)
    {
        if (AdminOnly(c, "change roles") is { } denied)
        {
            return denied;
        }

        var (member, missing) = Target(c);
        if (member is null)
        {
            return missing!;
        }

        string? roleText = Str((c.Body as JsonObject)?["role"]);
        if (ParseRole(roleText) is not Role role)
        {
            return ApiResult.Invalid("role", string.IsNullOrEmpty(roleText) ? "The role field is required." : "The selected role is invalid.");
        }

        if (member.Status != "disabled" && !member.IsBot && Pool(role) != Pool(member.Role) && SeatsExhausted(c, role, member.Id) is { } full)
        {
            return full;
        }

        string old = member.RoleText;
        member.Role = role;
        member.RoleText = role.ToString().ToLowerInvariant();
        c.State.Touch();
        c.Record("updated", "user", Id(member), $"changed the role of {member.Email} to {member.RoleText}", field: "role", oldValue: old);
        return Member(c, member);
    }

    /// <summary>DELETE /users/{id}/disable: status <c>disabled</c> (again for one already disabled).</summary>
    private static ApiResult Disable(ApiCall c)
    {
        if (AdminOnly(c, "disable members") is { } denied)
        {
            return denied;
        }

        var (member, missing) = Target(c);
        if (member is null)
        {
            return missing!;
        }

        SetStatus(c, member, "disabled", "disabled", $"disabled {member.Email}");
        return Member(c, member);
    }

    /// <summary>PUT /users/{id}/enable: a disabled member becomes active again (a seat of its pool); others stay as they are.</summary>
    private static ApiResult Enable(ApiCall c)
    {
        if (AdminOnly(c, "enable members") is { } denied)
        {
            return denied;
        }

        var (member, missing) = Target(c);
        if (member is null)
        {
            return missing!;
        }

        if (member.Status == "disabled")
        {
            if (!member.IsBot && SeatsExhausted(c, member.Role, member.Id) is { } full)
            {
                return full;
            }

            SetStatus(c, member, "active", "enabled", $"enabled {member.Email}");
        }

        return Member(c, member);
    }

    private static void SetStatus(ApiCall c, User member, string status, string verb, string description)
    {
        string old = member.Status;
        member.Status = status;
        c.State.Touch();
        c.Record(verb, "user", Id(member), description, field: "status", oldValue: old);
    }

    /// <summary>
    /// DELETE /users/{id} (<c>?with_reassignment=true&amp;to={id}</c>): deactivates (status <c>disabled</c>); the
    /// reassignment moves every task of the member (run tasks and one-off tasks, any status) to the one person, and
    /// nothing else (runs owned, run members, groups stay). 400 for a bot or the default admin.
    /// </summary>
    private static ApiResult Deactivate(ApiCall c)
    {
        if (AdminOnly(c, "remove members") is { } denied)
        {
            return denied;
        }

        var (member, missing) = Target(c);
        if (member is null)
        {
            return missing!;
        }

        if (member.IsBot || member.Id == c.Org.DefaultAdminId)
        {
            return ApiResult.Error(400, member.IsBot
                ? "A bot cannot be removed from the organization."
                : "The organization's default admin cannot be removed. Make someone else the default admin first.");
        }

        User? to = null;
        if (IsTrue(c.Query("with_reassignment")))
        {
            to = int.TryParse(c.Query("to"), NumberStyles.None, CultureInfo.InvariantCulture, out int toId)
                ? c.Org.Members.FirstOrDefault(m => m.Id == toId && m.Status != "disabled" && m.Id != member.Id)
                : null;
            if (to is null)
            {
                return ApiResult.Invalid("to", "The selected to is invalid.");
            }

            c.State.EnsureAllTasks(c.Org);
            int moved = 0;
            foreach (var t in c.Org.TasksById.Values.Where(t => t.OwnerUsers.Contains(member.Id)))
            {
                t.OwnerUsers.RemoveAll(u => u == member.Id);
                if (!t.OwnerUsers.Contains(to.Id))
                {
                    t.OwnerUsers.Add(to.Id);
                }

                moved++;
            }

            c.Record("reassigned", "user", Id(member), $"reassigned {moved.ToString(CultureInfo.InvariantCulture)} tasks of {member.Email} to {to.Email}");
        }

        SetStatus(c, member, "disabled", "deactivated", $"removed {member.Email} from the organization");
        return Member(c, member);
    }

    /// <summary>DELETE /users/{id}/delete: a disabled member goes for good (422 for any other).</summary>
    private static ApiResult DeleteForGood(ApiCall c)
    {
        if (AdminOnly(c, "delete members") is { } denied)
        {
            return denied;
        }

        var (member, missing) = Target(c);
        if (member is null)
        {
            return missing!;
        }

        if (member.Status != "disabled")
        {
            return ApiResult.Invalid("user", "Only a disabled member can be deleted. Disable the member first.");
        }

        c.Org.Members.Remove(member);
        c.State.Touch();
        c.Record("deleted", "user", Id(member), $"deleted {member.Email} for good");
        return ApiResult.Ok(ApiJson.Wrap(c.Json.User(member, new HashSet<string>())));
    }
}
