using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>Members, guests and groups.</summary>
public sealed partial class ApiJson
{
    public JsonObject User(User u, ISet<string> with)
    {
        var o = new JsonObject
        {
            ["id"] = u.Id,
            ["email"] = u.Email,
            ["username"] = u.Username,
            ["first_name"] = u.FirstName,
            ["last_name"] = u.LastName,
            ["full_name"] = u.FullName,
            ["role"] = u.RoleText,
            ["status"] = u.Status,
            ["timezone"] = u.Timezone,
            ["last_login_at"] = Time(u.LastLoginAt),
            ["created_at"] = Time(u.CreatedAt),
            ["is_bot"] = u.IsBot, // [assumed]: how a client tells a bot
            ["is_default_admin"] = u.Id == _org.DefaultAdminId, // [assumed]: how a client tells the default admin
        };
        if (with.Contains("groups"))
        {
            o["groups"] = Wrap(ArrayOf(_org.Groups.Where(g => g.Members.Contains(u.Id)).Select(g => (JsonNode)new JsonObject { ["id"] = g.Id, ["name"] = g.Name })));
        }

        return o;
    }

    public static JsonObject Guest(Guest g) => new JsonObject
    {
        ["email"] = g.Email,
        ["first_name"] = g.FirstName,
        ["last_name"] = g.LastName,
        ["company_name"] = g.CompanyName,
        ["created_at"] = Time(g.CreatedAt),
    };

    /// <summary>A group: <c>members</c> (user ids) and <c>guests</c> (emails) always; <c>with=users,guests</c> adds the people themselves.</summary>
    public JsonObject Group(Group g, ISet<string> with)
    {
        var o = new JsonObject
        {
            ["id"] = g.Id,
            ["name"] = g.Name,
            ["description"] = g.Description,
            ["members"] = Ints(g.Members),
            ["guests"] = Strings(g.Guests),
            ["created_at"] = Time(g.CreatedAt),
        };
        if (with.Contains("users"))
        {
            o["users"] = Wrap(ArrayOf(g.Members.Select(_state.UserById).Where(u => u is not null).Select(u => (JsonNode)User(u!, NoRelations))));
        }

        if (with.Contains("guests"))
        {
            o["guest_details"] = Wrap(ArrayOf(g.Guests.Select(e => _org.Guests.FirstOrDefault(x => x.Email == e)).Where(x => x is not null).Select(x => (JsonNode)Guest(x!))));
        }

        return o;
    }
}
