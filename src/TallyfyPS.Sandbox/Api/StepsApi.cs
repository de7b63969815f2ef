using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>
/// A template's steps one at a time: <c>GET /checklists/{t}/steps/{s}</c> and <c>PUT /checklists/{t}/steps/{s}</c>
/// <c>{"title", "summary"?, "assignees", "guests", "groups"}</c>. The trap: each bucket replaces, so an omitted one
/// detaches everyone in it; an email in <c>guests</c> that is nobody's becomes a guest silently (and counts against the
/// hourly guest-invite cap).
/// </summary>
internal static class StepsApi
{
    public static void Map(ApiRoutes r)
    {
        r.Org("GET", "/checklists/{checklist}/steps/{step}", Get);
        r.Org("PUT", "/checklists/{checklist}/steps/{step}", Update, body: true);
    }

    private static (Checklist? Template, Step? Step) Find(ApiCall c)
    {
        var t = c.Org.Checklists.FirstOrDefault(x => x.Id == c.Route("checklist") && x.ArchivedAt is null);
        return (t, t?.Steps.FirstOrDefault(s => s.Id == c.Route("step")));
    }

    private static ApiResult Get(ApiCall c) =>
        Find(c) is ({ } t, { } s) ? ApiResult.Ok(ApiJson.Wrap(c.Json.Step(t, s))) : ApiResult.NotFound();

    private static ApiResult Update(ApiCall c)
    {
        if (c.LightDenied("edit templates") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        if (Find(c) is not ({ } t, { } s))
        {
            return ApiResult.NotFound();
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? title = Str(body["title"])?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors["title"] = "The title field is required.";
        }
        else if (title!.Length > 600)
        {
            errors["title"] = "The title may not be greater than 600 characters.";
        }

        string? summary = body.ContainsKey("summary") ? Str(body["summary"]) ?? "" : null;
        var users = ReadUsers(c, body["assignees"], errors);
        var guests = ReadGuests(body["guests"], errors);
        var groups = ReadGroups(c, body["groups"], errors);
        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        if (Owners.GuestInvitesReached(c, guests) is { } tooMany)
        {
            return tooMany;
        }

        var now = SandboxClock.Now();
        Owners.AdmitGuests(c.Org, guests, now);
        string before = Text(s);
        s.Title = title!;
        if (summary is not null)
        {
            s.Summary = summary;
        }

        // (trap) each bucket replaces: one the body left out is emptied
        s.Assignees.Clear();
        s.Assignees.AddRange(users);
        s.Guests.Clear();
        s.Guests.AddRange(guests);
        s.Groups.Clear();
        s.Groups.AddRange(groups);
        t.LastUpdated = now;
        c.Record("updated", "step", s.Id, $"updated the step '{s.Title}' of the template '{t.Title}'", "assignees", before, Text(s));
        c.State.Touch();
        return ApiResult.Ok(ApiJson.Wrap(c.Json.Step(t, s)));
    }

    private static string Text(Step s) =>
        $"users: {string.Join(",", s.Assignees.Select(u => u.ToString(CultureInfo.InvariantCulture)))}; guests: {string.Join(",", s.Guests)}; groups: {string.Join(",", s.Groups)}";

    private static List<int> ReadUsers(ApiCall c, JsonNode? node, Dictionary<string, string> errors)
    {
        var users = new List<int>();
        if (node is null)
        {
            return users;
        }

        if (node is not JsonArray a)
        {
            errors["assignees"] = "The assignees must be an array of user ids.";
            return users;
        }

        foreach (var u in a)
        {
            string? text = Str(u);
            if (text is null || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int id) || c.State.UserById(id)?.OrganizationId != c.Org.Id)
            {
                errors["assignees"] = "The selected assignees is invalid.";
            }
            else if (!users.Contains(id))
            {
                users.Add(id);
            }
        }

        return users;
    }

    private static List<string> ReadGuests(JsonNode? node, Dictionary<string, string> errors)
    {
        if (node is null)
        {
            return new List<string>();
        }

        if (node is not JsonArray a || a.Any(g => Str(g) is not string e || !FieldValues.IsEmail(e)))
        {
            errors["guests"] = "The guests must be an array of email addresses.";
            return new List<string>();
        }

        return a.Select(g => Str(g)!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static List<string> ReadGroups(ApiCall c, JsonNode? node, Dictionary<string, string> errors)
    {
        if (node is null)
        {
            return new List<string>();
        }

        if (node is not JsonArray a || a.Any(g => Str(g) is not string id || !c.Org.Groups.Any(x => x.Id == id)))
        {
            errors["groups"] = "The selected groups is invalid.";
            return new List<string>();
        }

        return a.Select(g => Str(g)!).Distinct(StringComparer.Ordinal).ToList();
    }
}
