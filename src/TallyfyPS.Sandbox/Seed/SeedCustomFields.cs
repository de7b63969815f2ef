using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>
/// The seed's <c>custom_fields</c> (key -> value, as Tallyfy's members read them): on every sixth run (by a stable mix),
/// the first task of each of those runs, the first template and every third one-off task. Others carry none (the key
/// is left out, as Tallyfy leaves it out of records that have none).
/// </summary>
internal static class SeedCustomFields
{
    public static JsonObject? ForRun(int seed, int index) =>
        StableId.Mix(seed, index, 9) % 6 != 0 ? null : new JsonObject
        {
            ["cost_center"] = "CC-" + (100 + (StableId.Mix(seed, index, 10) % 900)),
            ["priority"] = 1 + (StableId.Mix(seed, index, 11) % 3),
            ["audited"] = StableId.Mix(seed, index, 12) % 2 == 0,
        };

    public static JsonObject? ForRunTask(Run run, int position) =>
        run.CustomFields is null || position != 1 ? null : new JsonObject { ["sla_hours"] = 24, ["billing_code"] = "BC-" + run.IncrementId };

    public static JsonObject? ForTemplate(int index) =>
        index != 0 ? null : new JsonObject { ["owner_team"] = "Finance", ["review_cycle_days"] = 90 };

    public static JsonObject? ForOneOff(int index) =>
        index % 3 != 0 ? null : new JsonObject { ["cost_center"] = "CC-" + (200 + index), ["billable"] = index % 2 == 0 };
}
