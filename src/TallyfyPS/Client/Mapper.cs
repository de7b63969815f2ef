using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>Turns the API's JSON into the objects users see.</summary>
    internal static class Mapper
    {
        public static TallyfyRun Run(JsonElement e, string organizationId)
        {
            var run = new TallyfyRun
            {
                Id = Json.RequiredId(e, "id"),
                Name = Json.String(e, "name") ?? string.Empty,
                Status = Json.String(e, "status"),
                Summary = Json.String(e, "summary"),
                BlueprintId = Json.String(e, "checklist_id"),
                BlueprintName = Json.String(e, "checklist_title"),
                OwnerId = Json.Long(e, "owner_id"),
                StartedBy = Json.Long(e, "started_by"),
                Type = Json.String(e, "type"),
                IncrementId = Json.Long(e, "increment_id"),
                IsStarred = Json.Bool(e, "starred") ?? false,
                IsPublic = Json.Bool(e, "is_public") ?? false,
                ParentId = Json.String(e, "parent_id"),
                CreatedAt = Json.Date(e, "created_at"),
                StartedAt = Json.Date(e, "started_at"),
                LastUpdated = Json.Date(e, "last_updated"),
                CompletedAt = Json.Date(e, "completed_at"),
                ArchivedAt = Json.Date(e, "archived_at"),
                DueDate = Json.Date(e, "due_date"),
                IsDueDatePassed = Json.Bool(e, "due_date_passed") ?? false,
                LateTasks = LateTasks(e),
                OrganizationId = organizationId,
                Progress = Progress(e),
            };

            if (Json.Prop(e, "prerun") is JsonElement prerun && prerun.ValueKind == JsonValueKind.Object)
            {
                var values = new Hashtable(StringComparer.OrdinalIgnoreCase);
                foreach (JsonProperty p in prerun.EnumerateObject())
                {
                    values[p.Name] = Json.Plain(p.Value);
                }

                run.KickoffValues = values;
            }

            if (Json.RelationOne(e, "checklist") is JsonElement checklist)
            {
                run.Blueprint = new TallyfyBlueprint { Id = Json.String(checklist, "id") ?? string.Empty, Title = Json.String(checklist, "title") };
                run.BlueprintName ??= run.Blueprint.Title;
            }

            run.Tags = Json.Relation(e, "tags").Select(Tag).ToArray();
            run.Tasks = Json.Relation(e, "tasks").Select(t => Task(t, organizationId)).ToArray();
            run.FormFields = Json.Relation(e, "form_fields").Select(f => FormField(f, null)).ToArray();
            run.KickoffFields = Json.Relation(e, "ko_form_fields").Select(f => FormField(f, null)).ToArray();
            run.Comments = run.Tasks.SelectMany(t => t.Comments).ToArray();
            if (run.FormFields.Length == 0)
            {
                run.FormFields = run.Tasks.SelectMany(t => t.FormFields).ToArray();
            }

            return run;
        }

        public static TallyfyTask Task(JsonElement e, string organizationId)
        {
            string id = Json.RequiredId(e, "id");
            string? runId = Json.String(e, "run_id");
            var task = new TallyfyTask
            {
                Id = id,
                Title = Json.String(e, "title") ?? string.Empty,
                Status = Json.String(e, "status"),
                StatusLabel = Json.String(e, "status_label"),
                TaskType = Json.String(e, "task_type"),
                RunId = string.IsNullOrEmpty(runId) ? null : runId,
                Alias = Json.String(e, "alias"),
                Description = Json.String(e, "description") ?? Json.String(e, "summary"),
                BlueprintId = Json.String(e, "checklist_id"),
                StepId = Json.String(e, "step_id"),
                Position = Json.Int(e, "position"),
                IncrementId = Json.Long(e, "increment_id"),
                Deadline = Json.Date(e, "deadline"),
                StartedAt = Json.Date(e, "started_at"),
                CreatedAt = Json.Date(e, "created_at"),
                LastUpdated = Json.Date(e, "last_updated"),
                CompletedAt = Json.Date(e, "completed_at"),
                CompleterId = Json.Long(e, "completer_id"),
                ArchivedAt = Json.Date(e, "archived_at"),
                OrganizationId = organizationId,
                Owners = Owners(e),
            };
            task.IsOneOff = Json.Bool(e, "is_oneoff_task") ?? task.RunId is null;
            task.Comments = Json.Relation(e, "threads").Select(c => Comment(c, id)).ToArray();
            task.FormFields = Json.Relation(e, "form_fields").Select(f => FormField(f, id)).ToArray();
            task.Tags = Json.Relation(e, "tags").Select(Tag).ToArray();
            if (Json.RelationOne(e, "run") is JsonElement run)
            {
                task.Run = Run(run, organizationId);
            }

            return task;
        }

        public static TallyfyComment Comment(JsonElement e, string? taskId) => new TallyfyComment
        {
            Id = Json.RequiredId(e, "id"),
            Content = Json.String(e, "content"),
            Label = Json.String(e, "label"),
            AuthorId = Json.Long(e, "author_id"),
            CreatedAt = Json.Date(e, "created_at"),
            TaskId = taskId,
        };

        public static TallyfyFormFieldValue FormField(JsonElement e, string? taskId) => new TallyfyFormFieldValue
        {
            Id = Json.RequiredId(e, "id"),
            Label = Json.String(e, "label"),
            FieldType = Json.String(e, "field_type"),
            IsRequired = Json.Bool(e, "required") ?? false,
            Value = Json.Plain(Json.Prop(e, "field_value") ?? Json.Prop(e, "value")),
            Options = Json.Plain(Json.Prop(e, "options")),
            TaskId = taskId,
        };

        public static TallyfyTag Tag(JsonElement e) => new TallyfyTag
        {
            Id = Json.String(e, "id") ?? string.Empty,
            Title = Json.String(e, "title") ?? Json.String(e, "name") ?? string.Empty,
            Color = Json.String(e, "color"),
        };

        public static TallyfyUser User(JsonElement e) => new TallyfyUser
        {
            Id = Json.Long(e, "id") ?? 0,
            Email = Json.String(e, "email"),
            Username = Json.String(e, "username"),
            FirstName = Json.String(e, "first_name"),
            LastName = Json.String(e, "last_name"),
            Timezone = Json.String(e, "timezone"),
        };

        public static TallyfyOrganization Organization(JsonElement e) => new TallyfyOrganization
        {
            Id = Json.RequiredId(e, "id"),
            Name = Json.String(e, "name"),
            CreatedAt = Json.Date(e, "created_at"),
        };

        private static int? LateTasks(JsonElement e)
        {
            JsonElement? v = Json.Prop(e, "late_tasks");
            if (v is JsonElement list && list.ValueKind == JsonValueKind.Array)
            {
                return list.GetArrayLength();
            }

            return Json.Int(e, "late_tasks");
        }

        private static TallyfyProgress? Progress(JsonElement e)
        {
            JsonElement? v = Json.Prop(e, "progress");
            if (v is null)
            {
                return null;
            }

            if (v.Value.ValueKind == JsonValueKind.Object)
            {
                int? complete = Json.Int(v.Value, "complete");
                int? total = Json.Int(v.Value, "total");
                int percent = Json.Int(v.Value, "percent") ??
                    (total > 0 && complete.HasValue ? (int)Math.Round(100.0 * complete.Value / total.Value) : 0);
                return new TallyfyProgress { Complete = complete, Total = total, Percent = percent };
            }

            return new TallyfyProgress { Percent = Json.Int(e, "progress") ?? 0 };
        }

        private static TallyfyTaskOwners Owners(JsonElement e)
        {
            var owners = new TallyfyTaskOwners();
            if (Json.Prop(e, "owners") is JsonElement o && o.ValueKind == JsonValueKind.Object)
            {
                owners.Users = Items(o, "users").Select(u => u.ValueKind == JsonValueKind.Object ? Json.Long(u, "id") : AsLong(u))
                    .Where(x => x.HasValue).Select(x => x!.Value).ToArray();
                owners.Guests = Items(o, "guests").Select(g => g.ValueKind == JsonValueKind.Object ? Json.String(g, "email") : Json.TryText(g) ?? g.GetRawText())
                    .Where(x => !string.IsNullOrEmpty(x)).Select(x => x!).ToArray();
                owners.Groups = Items(o, "groups").Select(g => g.ValueKind == JsonValueKind.Object ? Json.String(g, "id") : Json.TryText(g) ?? g.GetRawText())
                    .Where(x => !string.IsNullOrEmpty(x)).Select(x => x!).ToArray();
            }

            return owners;
        }

        private static IEnumerable<JsonElement> Items(JsonElement o, string name)
        {
            if (Json.Prop(o, name) is JsonElement list && list.ValueKind == JsonValueKind.Array)
            {
                return list.EnumerateArray().ToArray();
            }

            if (Json.Prop(o, name) is JsonElement wrapped && wrapped.ValueKind == JsonValueKind.Object &&
                Json.Prop(wrapped, "data") is JsonElement inner && inner.ValueKind == JsonValueKind.Array)
            {
                return inner.EnumerateArray().ToArray();
            }

            return Array.Empty<JsonElement>();
        }

        private static long? AsLong(JsonElement e) =>
            e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long n) ? n
            : e.ValueKind == JsonValueKind.String && long.TryParse(Json.TryText(e), out long s) ? s : (long?)null;
    }
}
