using System.Linq;
using System.Text.Json;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>Templates, their kick-off fields and steps; form-field definitions of tasks.</summary>
    internal static partial class Mapper
    {
        /// <param name="knownId">The id where the answer may leave it out (a run's checklist relation).</param>
        public static TallyfyTemplate Template(JsonElement e, string organizationId, string? knownId = null)
        {
            string id = knownId is null ? Json.RequiredId(e, "id") : Json.String(e, "id") ?? knownId;
            return new TallyfyTemplate
            {
                Id = id,
                Title = Json.String(e, "title") ?? Json.String(e, "name") ?? string.Empty,
                Summary = Json.String(e, "summary"),
                Type = Json.String(e, "type"),
                Status = Json.String(e, "status"),
                IsStarred = Json.Bool(e, "starred") ?? false,
                IsPinned = Json.Bool(e, "is_pinned") ?? false,
                OwnerId = Json.Long(e, "owner_id"),
                CreatedBy = Json.Long(e, "created_by"),
                StepsCount = Json.Int(e, "steps_count"),
                FolderId = Json.String(e, "folder_id"),
                CreatedAt = Stamp(e, "created_at"),
                LastUpdated = Stamp(e, "last_updated"),
                ArchivedAt = Stamp(e, "archived_at"),
                KickoffFields = List(Json.Relation(e, "prerun").Select(FieldDefinition)),
                Steps = List(Json.Relation(e, "steps").Select(s => Step(s, id, organizationId))),
                Tags = List(Json.Relation(e, "tags").Select(Tag)),
                OrganizationId = organizationId,
                CustomFields = CustomFields(e),
            };
        }

        public static TallyfyStep Step(JsonElement e, string? templateId, string organizationId) => new TallyfyStep
        {
            Id = Json.RequiredId(e, "id"),
            Position = Json.Int(e, "position"),
            Title = Json.String(e, "title") ?? string.Empty,
            StepType = Json.String(e, "step_type") ?? Json.String(e, "task_type"),
            Alias = Json.String(e, "alias"),
            Summary = Json.String(e, "summary"),
            FormFields = List(Json.Relation(e, "captures").Select(FieldDefinition)),
            TemplateId = Json.String(e, "checklist_id") ?? templateId,
            Assignees = Buckets(e, "assignees"),
            OrganizationId = organizationId,
        };

        /// <summary>A field as defined (kick-off, step capture or a task's form field; any answer it carries is ignored).</summary>
        public static TallyfyFieldDefinition FieldDefinition(JsonElement e) => new TallyfyFieldDefinition
        {
            Id = Json.RequiredIdOrNumber(e, "id"),
            Alias = Json.String(e, "alias"),
            Label = Json.String(e, "label") ?? Json.String(e, "name") ?? string.Empty,
            Type = (Json.String(e, "field_type") ?? "text").Trim().ToLowerInvariant(),
            Required = Json.Bool(e, "required") ?? false,
            Position = Json.Int(e, "position"),
            Guidance = Json.String(e, "guidance"),
            Options = List(Json.Relation(e, "options").Select(o => new TallyfyFieldOption
            {
                Id = Json.Long(o, "id") ?? 0,
                Text = Json.String(o, "text") ?? Json.String(o, "value") ?? string.Empty,
            })),
            Columns = List(Json.Relation(e, "columns").Select(c => new TallyfyTableColumn
            {
                Id = Json.String(c, "id") ?? string.Empty,
                Label = Json.String(c, "label") ?? Json.String(c, "name") ?? string.Empty,
            })),
        };
    }
}
