using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Group writes and removing a guest (admins only, 403 for others). (trap) A group update replaces <c>members</c> and
/// <c>guests</c>: a list left out of the body empties it.
/// </summary>
internal static class GroupsApi
{
    public const int MaxName = 200;

    public static void Map(ApiRoutes r)
    {
        r.Org("POST", "/groups", Create, body: true);
        r.Org("PUT", "/groups/{group}", Update, body: true);
        r.Org("DELETE", "/groups/{group}", Delete);
        r.Org("DELETE", "/guests/{email}", RemoveGuest);
    }

    /// <summary>POST /groups <c>{name (unique, ≤200), description, members: [int], guests: [email]}</c> -> 201.</summary>
    private static ApiResult Create(ApiCall c)
    {
        if (MembersApi.AdminOnly(c, "create groups") is { } denied)
        {
            return denied;
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? name = CheckName(c, body, null, errors, required: true);
        string? description = CheckDescription(body, errors, required: true);
        var (members, guests) = ReadLists(c, body, errors);
        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        var group = new Group { Id = c.State.NewId(), Name = name!, Description = description!, Members = members, Guests = guests, CreatedAt = SandboxClock.Now() };
        c.Org.Groups.Add(group);
        c.State.Touch();
        c.Record("created", "group", group.Id, $"created the group '{group.Name}'");
        return new ApiResult(201, ApiJson.Wrap(c.Json.Group(group, new HashSet<string>())));
    }

    /// <summary>
    /// PUT /groups/{id} <c>{name?, description?, members, guests}</c> -> 200. (trap) <c>members</c> and <c>guests</c>
    /// replace what the group had, and one left out empties it; <c>name</c> and <c>description</c> left out stay.
    /// </summary>
    private static ApiResult Update(ApiCall c)
    {
        if (MembersApi.AdminOnly(c, "change groups") is { } denied)
        {
            return denied;
        }

        var group = c.Org.Groups.FirstOrDefault(g => g.Id == c.Route("group"));
        if (group is null)
        {
            return ApiResult.NotFound();
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? name = CheckName(c, body, group, errors, required: false);
        string? description = CheckDescription(body, errors, required: false);
        var (members, guests) = ReadLists(c, body, errors);
        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        string before = $"{group.Name}: members [{string.Join(",", group.Members)}], guests [{string.Join(",", group.Guests)}]";
        group.Name = name ?? group.Name;
        group.Description = description ?? group.Description;
        group.Members = members; // trap: an omitted list is an empty one
        group.Guests = guests;
        c.State.Touch();
        c.Record("updated", "group", group.Id, $"updated the group '{group.Name}'", field: "group", oldValue: before);
        return ApiResult.Ok(ApiJson.Wrap(c.Json.Group(group, new HashSet<string>())));
    }

    /// <summary>DELETE /groups/{id} -> 204, for good: every task and run loses the group.</summary>
    private static ApiResult Delete(ApiCall c)
    {
        if (MembersApi.AdminOnly(c, "delete groups") is { } denied)
        {
            return denied;
        }

        var group = c.Org.Groups.FirstOrDefault(g => g.Id == c.Route("group"));
        if (group is null)
        {
            return ApiResult.NotFound();
        }

        c.State.EnsureAllTasks(c.Org); // before the group goes: seeded tasks are drawn from the runs' groups
        c.Org.Groups.Remove(group);
        foreach (var t in c.Org.TasksById.Values)
        {
            t.OwnerGroups.RemoveAll(g => g == group.Id);
        }

        foreach (var run in c.Org.Runs)
        {
            run.Groups.RemoveAll(g => g == group.Id);
        }

        c.State.Touch();
        c.Record("deleted", "group", group.Id, $"deleted the group '{group.Name}'");
        return ApiResult.NoContent(204);
    }

    /// <summary>DELETE /guests/{url-encoded email} -> 200: the guest goes, detached from every task and group; 422 for an unknown email.</summary>
    private static ApiResult RemoveGuest(ApiCall c)
    {
        if (MembersApi.AdminOnly(c, "remove guests") is { } denied)
        {
            return denied;
        }

        string email = Uri.UnescapeDataString(c.Route("email"));
        var guest = c.Org.Guests.FirstOrDefault(g => string.Equals(g.Email, email, StringComparison.OrdinalIgnoreCase));
        if (guest is null)
        {
            return ApiResult.Invalid("email", "The email is not a guest of this organization.");
        }

        c.State.EnsureAllTasks(c.Org);
        c.Org.Guests.Remove(guest);
        foreach (var t in c.Org.TasksById.Values)
        {
            t.OwnerGuests.RemoveAll(g => string.Equals(g, guest.Email, StringComparison.OrdinalIgnoreCase));
        }

        foreach (var g in c.Org.Groups.Where(g => g.Guests.Contains(guest.Email, StringComparer.OrdinalIgnoreCase)))
        {
            g.Guests = g.Guests.Where(e => !string.Equals(e, guest.Email, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        c.State.Touch();
        c.Record("deleted", "guest", guest.Email, $"removed the guest {guest.Email}");
        return ApiResult.Ok(ApiJson.Wrap(ApiJson.Guest(guest)));
    }

    private static string? CheckName(ApiCall c, JsonObject body, Group? self, Dictionary<string, string> errors, bool required)
    {
        string? name = Str(body["name"])?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            if (required || body.ContainsKey("name"))
            {
                errors["name"] = "The name field is required.";
            }
        }
        else if (name.Length > MaxName)
        {
            errors["name"] = $"The name may not be greater than {MaxName} characters.";
        }
        else if (c.Org.Groups.Any(g => g != self && string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors["name"] = "The name has already been taken.";
        }

        return string.IsNullOrEmpty(name) ? null : name;
    }

    private static string? CheckDescription(JsonObject body, Dictionary<string, string> errors, bool required)
    {
        string? description = Str(body["description"]);
        if (required && string.IsNullOrWhiteSpace(description))
        {
            errors["description"] = "The description field is required.";
        }

        return description;
    }

    /// <summary><c>members</c> (ids of this organization's members) and <c>guests</c> (its guests' emails); a list left out is empty.</summary>
    private static (List<int> Members, List<string> Guests) ReadLists(ApiCall c, JsonObject body, Dictionary<string, string> errors)
    {
        var members = new List<int>();
        if (body["members"] is JsonNode mn)
        {
            if (mn is not JsonArray ma)
            {
                errors["members"] = "The members must be an array of user ids.";
            }
            else
            {
                foreach (var m in ma)
                {
                    if (Int(m) is int id && c.Org.Members.Any(u => u.Id == id))
                    {
                        members.Add(id);
                    }
                    else
                    {
                        errors["members"] = "The selected members is invalid.";
                    }
                }
            }
        }

        var guests = new List<string>();
        if (body["guests"] is JsonNode gn)
        {
            if (gn is not JsonArray ga)
            {
                errors["guests"] = "The guests must be an array of email addresses.";
            }
            else
            {
                foreach (var g in ga)
                {
                    var guest = Str(g) is string e ? c.Org.Guests.FirstOrDefault(x => string.Equals(x.Email, e.Trim(), StringComparison.OrdinalIgnoreCase)) : null;
                    if (guest is null)
                    {
                        errors["guests"] = "The selected guests is invalid.";
                    }
                    else
                    {
                        guests.Add(guest.Email);
                    }
                }
            }
        }

        return (members.Distinct().ToList(), guests.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }
}
