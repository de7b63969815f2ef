using System.Linq;
using System.Text.Json;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>What working on runs and tasks reads: a run's members and groups, a task's form-field definitions.</summary>
    internal static partial class Mapper
    {
        public static RunSnapshot RunSnapshot(JsonElement e, string organizationId) => new RunSnapshot(
            Run(e, organizationId),
            Items(e, "users").Select(u => u.ValueKind == JsonValueKind.Object ? Json.Long(u, "id") : AsLong(u)).Where(x => x.HasValue).Select(x => x!.Value).ToArray(),
            Items(e, "groups").Select(g => g.ValueKind == JsonValueKind.Object ? Json.String(g, "id") : Json.TryText(g)).Where(x => !string.IsNullOrEmpty(x)).Select(x => x!).ToArray(),
            Json.Relation(e, "ko_form_fields").Select(FieldDefinition).ToList());

        public static TaskSnapshot TaskSnapshot(JsonElement e, string organizationId, string? runId)
        {
            TallyfyTask task = Task(e, organizationId);
            if (task.RunId is null && runId != null)
            {
                task.RunId = runId;
                task.IsOneOff = false;
            }

            return new TaskSnapshot(task, Json.Relation(e, "form_fields").Select(FieldDefinition).ToList());
        }
    }
}
