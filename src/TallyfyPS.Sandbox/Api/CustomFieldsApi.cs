using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>
/// A run's custom fields, written on their own (the contract lists the writes and leaves them out of the module's scope;
/// Invoke-TallyfyApi reaches them): <c>PUT /runs/{run}/custom-fields</c> replaces them all (an object; <c>{}</c> drops
/// them), <c>PATCH /runs/{run}/custom-fields/{key}</c> sets one (<c>{"value": any JSON}</c>; <c>null</c> drops it).
/// Both answer 200 with the run [assumed]; an archived run is refused (403), as for any edit.
/// </summary>
internal static class CustomFieldsApi
{
    public static void Map(ApiRoutes r)
    {
        r.Org("PUT", "/runs/{run}/custom-fields", ReplaceAll, body: true);
        r.Org("PATCH", "/runs/{run}/custom-fields/{key}", SetOne, body: true);
    }

    private static ApiResult ReplaceAll(ApiCall c)
    {
        if (RunsApi.EditableRun(c, out Run? run) is { } refused)
        {
            return refused;
        }

        if (c.Body is not JsonObject fields)
        {
            return ApiResult.Invalid("custom_fields", "The custom fields must be an object of key and value.");
        }

        run!.CustomFields = fields.Count == 0 ? null : (JsonObject)fields.DeepClone();
        return Changed(c, run);
    }

    private static ApiResult SetOne(ApiCall c)
    {
        if (RunsApi.EditableRun(c, out Run? run) is { } refused)
        {
            return refused;
        }

        if (c.Body is not JsonObject body || !body.ContainsKey("value"))
        {
            return ApiResult.Invalid("value", "The value field must be present (null removes the field).");
        }

        string key = c.Route("key");
        JsonNode? value = body["value"]?.DeepClone();
        if (value is null)
        {
            run!.CustomFields?.Remove(key);
            if (run.CustomFields is { Count: 0 })
            {
                run.CustomFields = null;
            }
        }
        else
        {
            run!.CustomFields ??= new JsonObject();
            run.CustomFields[key] = value;
        }

        return Changed(c, run);
    }

    private static ApiResult Changed(ApiCall c, Run run)
    {
        run.LastUpdated = SandboxClock.Now();
        c.State.Touch();
        return ApiResult.Ok(ApiJson.Wrap(c.Json.Run(run, c.With())));
    }
}
