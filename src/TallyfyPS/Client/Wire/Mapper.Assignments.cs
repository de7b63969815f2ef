using System.Linq;
using System.Text.Json;

namespace TallyfyPS.Client
{
    /// <summary>What a person is assigned to: template steps with their assignees.</summary>
    internal static partial class Mapper
    {
        /// <summary>A step as GET .../steps/{id} or a template's with=steps gives it (<c>assignees</c> ids, <c>guests</c> emails, <c>groups</c> ids).</summary>
        public static StepSnapshot StepSnapshot(JsonElement e, string templateId, string? templateName) => new StepSnapshot(
            templateId,
            templateName,
            Json.RequiredId(e, "id"),
            Json.String(e, "title") ?? string.Empty,
            Json.String(e, "summary"),
            Items(e, "assignees").Select(u => u.ValueKind == JsonValueKind.Object ? Json.Long(u, "id") : AsLong(u)).Where(x => x.HasValue).Select(x => x!.Value).ToArray(),
            Items(e, "guests").Select(g => g.ValueKind == JsonValueKind.Object ? Json.String(g, "email") : Json.TryText(g)).Where(x => !string.IsNullOrEmpty(x)).Select(x => x!).ToArray(),
            Items(e, "groups").Select(g => g.ValueKind == JsonValueKind.Object ? Json.String(g, "id") : Json.TryText(g)).Where(x => !string.IsNullOrEmpty(x)).Select(x => x!).ToArray());
    }
}
