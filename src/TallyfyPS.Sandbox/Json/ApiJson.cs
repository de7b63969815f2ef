using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Builds the Tallyfy JSON shapes (snake_case, nulls written; relations asked for with <c>with=</c> wrapped in
/// <c>{"data":...}</c>). One instance per call: it knows the organization and the switches in force.
/// The shapes of each area are in the other <c>ApiJson.*.cs</c> files.
/// </summary>
public sealed partial class ApiJson
{
    private static readonly ISet<string> NoRelations = new HashSet<string>();

    private readonly SandboxState _state;
    private readonly Organization _org;
    private readonly SwitchSettings _switches;

    public ApiJson(SandboxState state, Organization org, SwitchSettings switches)
    {
        _state = state;
        _org = org;
        _switches = switches;
    }

    public static JsonNode? Time(DateTime? t) => t is null ? null : JsonValue.Create(SandboxState.Iso(t.Value));

    public static JsonArray Ints(IEnumerable<int> xs)
    {
        var a = new JsonArray();
        foreach (int x in xs)
        {
            a.Add(x);
        }

        return a;
    }

    public static JsonArray Strings(IEnumerable<string> xs)
    {
        var a = new JsonArray();
        foreach (string x in xs)
        {
            a.Add(x);
        }

        return a;
    }

    public static JsonObject Wrap(JsonNode? data) => new JsonObject { ["data"] = data };

    public static JsonArray ArrayOf(IEnumerable<JsonNode> items)
    {
        var a = new JsonArray();
        foreach (var item in items)
        {
            a.Add(item);
        }

        return a;
    }

    /// <summary>A stored value as the API shows it (a copy: answers never share nodes with the state).</summary>
    public static JsonNode? Copy(JsonNode? v) => v?.DeepClone();

    /// <summary>A form field (kick-off or capture); with <paramref name="withValue"/>, its answer under the switch's key.</summary>
    public JsonObject Field(FieldDefinition f, JsonNode? value, bool withValue)
    {
        var options = new JsonArray();
        foreach (var o in f.Options)
        {
            options.Add(new JsonObject { ["id"] = o.Id, ["text"] = o.Text });
        }

        var columns = new JsonArray();
        foreach (var col in f.Columns)
        {
            columns.Add(new JsonObject { ["id"] = col.Id, ["label"] = col.Label });
        }

        var o2 = new JsonObject
        {
            ["id"] = f.Id,
            ["alias"] = f.Alias,
            ["label"] = f.Label,
            ["field_type"] = f.FieldType,
            ["required"] = f.Required,
            ["position"] = f.Position,
            ["guidance"] = f.Guidance,
            ["options"] = options,
            ["columns"] = columns,
        };
        if (withValue)
        {
            o2[_switches.FormFieldValueKey] = Copy(value);
        }

        return o2;
    }

    public static JsonObject Me(User u) => new JsonObject
    {
        ["id"] = u.Id,
        ["email"] = u.Email,
        ["username"] = u.Username,
        ["first_name"] = u.FirstName,
        ["last_name"] = u.LastName,
        ["full_name"] = u.FullName,
        ["timezone"] = u.Timezone,
    };
}
