using System.Text.Json;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>What a person is assigned to: template steps with their assignees.</summary>
    internal static partial class Mapper
    {
        /// <summary>A step as a template's with=steps gives it (<c>assignees</c> ids, <c>guests</c> emails, <c>groups</c> ids: the buckets as a step read maps them).</summary>
        public static StepSnapshot StepSnapshot(JsonElement e, string templateId, string? templateName)
        {
            TallyfyTaskOwners buckets = Buckets(e, "assignees");
            return new StepSnapshot(templateId, templateName, Json.RequiredId(e, "id"), Json.String(e, "title") ?? string.Empty, Json.String(e, "summary"),
                buckets.Users, buckets.Guests, buckets.Groups);
        }
    }
}
