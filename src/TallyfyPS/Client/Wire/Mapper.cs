using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>Turns the API's JSON into the objects users see.</summary>
    internal static partial class Mapper
    {
        public static TallyfyRun Run(JsonElement e, string organizationId)
        {
            var run = new TallyfyRun
            {
                Id = Json.RequiredId(e, "id"),
                Name = Json.String(e, "name") ?? string.Empty,
                Status = Json.String(e, "status"),
                Summary = Json.String(e, "summary"),
                TemplateId = Json.String(e, "checklist_id"),
                TemplateName = Json.String(e, "checklist_title"),
                OwnerId = Json.Long(e, "owner_id"),
                StartedBy = Json.Long(e, "started_by"),
                Type = Json.String(e, "type"),
                IncrementId = Json.Long(e, "increment_id"),
                IsStarred = Json.Bool(e, "starred") ?? false,
                IsPublic = Json.Bool(e, "is_public") ?? false,
                HasOpenIssue = Json.Bool(e, "has_open_issue") ?? string.Equals(Json.String(e, "status"), "issue", StringComparison.OrdinalIgnoreCase),
                ParentId = Json.String(e, "parent_id"),
                CreatedAt = Stamp(e, "created_at"),
                StartedAt = Stamp(e, "started_at"),
                LastUpdated = Stamp(e, "last_updated"),
                CompletedAt = Stamp(e, "completed_at"),
                ArchivedAt = Stamp(e, "archived_at"),
                DueDate = Stamp(e, "due_date"),
                IsDueDatePassed = Json.Bool(e, "due_date_passed") ?? false,
                LateTasks = LateTasks(e),
                OrganizationId = organizationId,
                Progress = Progress(e),
                CustomFields = CustomFields(e),
            };

            if (Json.Prop(e, "prerun") is JsonElement prerun && prerun.ValueKind == JsonValueKind.Object)
            {
                var values = new TallyfyFieldValues();
                foreach (JsonProperty p in prerun.EnumerateObject())
                {
                    values[p.Name] = Json.Plain(p.Value);
                }

                run.KickoffValues = values;
            }

            if (Json.RelationOne(e, "checklist") is JsonElement checklist)
            {
                run.Template = Template(checklist, organizationId, run.TemplateId);
                run.TemplateName ??= run.Template.Title;
            }

            run.Tags = List(Json.Relation(e, "tags").Select(t => Tag(t, organizationId)));
            run.TagsKnown = Json.Prop(e, "tags") != null;
            run.Folders = List(Json.Relation(e, "folders").Select(f => RunFolder(f, organizationId)));
            run.FoldersKnown = Json.Prop(e, "folders") != null;
            run.Tasks = List(Json.Relation(e, "tasks").Select(t => Task(t, organizationId)));
            run.KickoffFields = List(Json.Relation(e, "ko_form_fields").Select(f => FormField(f, null, null)));
            if (run.KickoffValues != null)
            {
                // The values read by label where the answer says the labels (-Include KickoffFields, Blueprint).
                foreach (TallyfyFormFieldValue field in run.KickoffFields)
                {
                    run.KickoffValues.Label(field.Id, field.Label);
                }

                foreach (TallyfyFieldDefinition field in run.Blueprint?.KickoffFields ?? TallyfyList<TallyfyFieldDefinition>.Empty)
                {
                    run.KickoffValues.Label(field.Id, field.Label);
                }
            }

            // The run's own (process-level) threads first, then its tasks'.
            run.Comments = List(Json.Relation(e, "threads").Select(c => Comment(c, null)).Concat(run.Tasks.SelectMany(t => t.Comments)));
            // The run's form fields are its tasks' (each with the task's id and title, so same-named fields of
            // different tasks can be told apart); a run-level list, where the service gives one, names its tasks by id.
            var titles = run.Tasks.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.OrdinalIgnoreCase);
            run.FormFields = run.Tasks.Count > 0 && run.Tasks.Any(t => t.FormFields.Count > 0)
                ? List(run.Tasks.SelectMany(t => t.FormFields))
                : List(Json.Relation(e, "form_fields").Select(f =>
                {
                    string? taskId = Json.String(f, "task_id");
                    return FormField(f, taskId, taskId != null && titles.TryGetValue(taskId, out string? title) ? title : null);
                }));

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
                TemplateId = Json.String(e, "checklist_id"),
                StepId = Json.String(e, "step_id"),
                Position = Json.Int(e, "position"),
                IncrementId = Json.Long(e, "increment_id"),
                Deadline = Stamp(e, "deadline"),
                StartedAt = Stamp(e, "started_at"),
                CreatedAt = Stamp(e, "created_at"),
                LastUpdated = Stamp(e, "last_updated"),
                CompletedAt = Stamp(e, "completed_at"),
                CompleterId = Json.Long(e, "completer_id"),
                ArchivedAt = TallyfyTimestamp.From(ArchiveMarker(e)),
                OrganizationId = organizationId,
                CustomFields = CustomFields(e),
                Owners = Owners(e),
                ReadAtUtc = DateTime.UtcNow,
            };
            task.IsOneOff = Json.Bool(e, "is_oneoff_task") ?? task.RunId is null;
            task.Comments = List(Json.Relation(e, "threads").Select(c => Comment(c, id)));
            task.FormFields = List(Json.Relation(e, "form_fields").Select(f => FormField(f, id, task.Title)));
            task.Tags = List(Json.Relation(e, "tags").Select(t => Tag(t, organizationId)));
            if (Json.RelationOne(e, "run") is JsonElement run)
            {
                task.Run = Run(run, organizationId);
            }

            return task;
        }

        public static TallyfyComment Comment(JsonElement e, string? taskId) => new TallyfyComment
        {
            Id = Json.RequiredIdOrNumber(e, "id"),
            Content = Json.String(e, "content"),
            Label = Json.String(e, "label"),
            AuthorId = Json.Long(e, "author_id"),
            CreatedAt = Stamp(e, "created_at"),
            TaskId = taskId,
            State = Json.String(e, "state"),
            ResolveId = Json.String(e, "resolve_id"),
        };

        public static TallyfyFormFieldValue FormField(JsonElement e, string? taskId, string? taskTitle) => new TallyfyFormFieldValue
        {
            Id = Json.RequiredId(e, "id"),
            Label = Json.String(e, "label"),
            FieldType = Json.String(e, "field_type"),
            IsRequired = Json.Bool(e, "required") ?? false,
            Value = Json.Plain(Json.Prop(e, "field_value") ?? Json.Prop(e, "value")),
            Options = Json.Plain(Json.Prop(e, "options")),
            TaskId = taskId,
            TaskTitle = taskTitle,
        };

        public static TallyfyTag Tag(JsonElement e) => Tag(e, string.Empty);

        /// <summary>A tag; on a run or task, with the association that ties it there (association_id).</summary>
        /// <remarks>An entry on a run may be the association itself (id = the association's, tag_id = the tag's): read both.</remarks>
        public static TallyfyTag Tag(JsonElement e, string organizationId) => new TallyfyTag
        {
            Id = Json.String(e, "tag_id") ?? Json.String(e, "id") ?? string.Empty,
            Title = Json.String(e, "title") ?? Json.String(e, "name") ?? string.Empty,
            Color = Json.String(e, "color"),
            IsAutoGenerated = Json.Bool(e, "auto_generated") ?? false,
            CreatedAt = Stamp(e, "created_at"),
            AssociationId = Json.String(e, "association_id") ?? (Json.String(e, "tag_id") != null ? Json.String(e, "id") : null),
            OrganizationId = organizationId,
        };

        public static TallyfyUser User(JsonElement e) => User(e, string.Empty);

        public static TallyfyUser User(JsonElement e, string organizationId)
        {
            string? first = Json.String(e, "first_name");
            string? last = Json.String(e, "last_name");
            string? full = Json.String(e, "full_name");
            return new TallyfyUser
            {
                Id = Json.Long(e, "id") ?? 0,
                Email = Json.String(e, "email"),
                Name = !string.IsNullOrWhiteSpace(full) ? full : string.Join(" ", new[] { first, last }.Where(x => !string.IsNullOrWhiteSpace(x))),
                Username = Json.String(e, "username"),
                FirstName = first,
                LastName = last,
                Timezone = Json.String(e, "timezone"),
                // Roles and statuses come in any case (Admin, standard, ...): one spelling for scripts to compare.
                Role = Json.String(e, "role")?.Trim().ToLowerInvariant(),
                Status = Json.String(e, "status")?.Trim().ToLowerInvariant(),
                LastLoginAt = Stamp(e, "last_login_at"),
                GroupIds = List(Json.Relation(e, "groups").Select(g => Json.String(g, "id") ?? string.Empty).Where(id => id.Length > 0)),
                IsBot = Json.Bool(e, "is_bot"),
                IsDefaultAdmin = Json.Bool(e, "is_default_admin"),
                OrganizationId = organizationId,
            };
        }

        public static TallyfyGuest Guest(JsonElement e, string organizationId)
        {
            string? first = Json.String(e, "first_name");
            string? last = Json.String(e, "last_name");
            return new TallyfyGuest
            {
                Email = Json.String(e, "email") ?? string.Empty,
                FirstName = first,
                LastName = last,
                Name = string.Join(" ", new[] { first, last }.Where(x => !string.IsNullOrWhiteSpace(x))),
                CompanyName = Json.String(e, "company_name"),
                CreatedAt = Stamp(e, "created_at"),
                OrganizationId = organizationId,
            };
        }

        public static TallyfyGroup Group(JsonElement e, string organizationId) => new TallyfyGroup
        {
            Id = Json.RequiredId(e, "id"),
            Name = Json.String(e, "name") ?? string.Empty,
            Description = Json.String(e, "description"),
            MemberIds = List(Items(e, "members").Select(AsLong).Where(x => x.HasValue).Select(x => x!.Value)),
            Members = List(Json.Relation(e, "users").Select(u => User(u, organizationId))),
            Guests = List(Items(e, "guests").Select(g => g.ValueKind == JsonValueKind.Object ? Json.String(g, "email") : Json.TryText(g))
                .Where(x => !string.IsNullOrEmpty(x)).Select(x => x!)),
            OrganizationId = organizationId,
        };

        public static TallyfyOrganization Organization(JsonElement e) => new TallyfyOrganization
        {
            Id = Json.RequiredId(e, "id"),
            Name = Json.String(e, "name"),
            CreatedAt = Stamp(e, "created_at"),
        };

        public static TallyfyFolder Folder(JsonElement e, string organizationId) => new TallyfyFolder
        {
            Id = Json.RequiredId(e, "id"),
            Name = Json.String(e, "name") ?? Json.String(e, "title") ?? string.Empty,
            FolderType = Json.String(e, "folder_type"),
            ParentId = Json.String(e, "parent_id") is string parent && parent.Length > 0 ? parent : null,
            CreatedAt = Stamp(e, "created_at"),
            OrganizationId = organizationId,
        };

        /// <summary>A folder as a run's with=folders lists it: the folder, or the folder-object with the folder inside [assumed both].</summary>
        private static TallyfyFolder RunFolder(JsonElement e, string organizationId)
        {
            if (Json.Prop(e, "folder_id") is JsonElement && One(e, "folder") is JsonElement inner)
            {
                TallyfyFolder nested = Folder(inner, organizationId);
                nested.FolderObjectId = Json.String(e, "id");
                return nested;
            }

            TallyfyFolder folder = Folder(e, organizationId);
            folder.FolderObjectId = Json.String(e, "folder_object_id") is string id && id.Length > 0 ? id : null;
            return folder;
        }

        /// <summary>A one-record relation, wrapped as {"data":{...}} or bare; null when absent.</summary>
        internal static JsonElement? One(JsonElement e, string name)
        {
            JsonElement? v = Json.Prop(e, name);
            if (v is JsonElement o && o.ValueKind == JsonValueKind.Object)
            {
                return Json.Prop(o, "data") is JsonElement d ? (d.ValueKind == JsonValueKind.Object ? d : (JsonElement?)null) : o;
            }

            return null;
        }

        /// <summary>The id of a tag association (the answer of tagging a run).</summary>
        public static string AssociationId(JsonElement e) => Json.RequiredIdOrNumber(e, "id");

        /// <summary>
        /// An activity feed entry. The service sends several fields (verb, actor_id, description, ...) as
        /// one-element arrays, and others plain: every field is read in either form.
        /// </summary>
        public static TallyfyActivity Activity(JsonElement e, string organizationId) => new TallyfyActivity
        {
            Id = ActivityText(e, "id") ?? throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse, "The service's answer has no 'id' field."),
            CreatedAt = TallyfyTimestamp.From(ActivityDate(e, "created_at")),
            Verb = ActivityText(e, "verb"),
            ActorId = ActivityLong(e, "actor_id"),
            ActorType = ActivityText(e, "actor_type"),
            SubjectType = ActivityText(e, "auditable_type"),
            SubjectId = ActivityText(e, "auditable_id"),
            Description = ActivityText(e, "description"),
            Field = ActivityText(e, "field"),
            OldValue = ActivityText(e, "old_value"),
            NewValue = ActivityText(e, "text"),
            OrganizationId = organizationId,
        };

        /// <summary>An activity field's values, whether it came plain or as an array (empty: none).</summary>
        private static IReadOnlyList<JsonElement> ActivityValues(JsonElement e, string name)
        {
            if (Json.Prop(e, name) is not JsonElement v)
            {
                return Array.Empty<JsonElement>();
            }

            return v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Where(x => x.ValueKind != JsonValueKind.Null && x.ValueKind != JsonValueKind.Undefined).ToArray()
                : new[] { v };
        }

        private static string? ActivityText(JsonElement e, string name)
        {
            var parts = ActivityValues(e, name).Select(v => v.ValueKind switch
            {
                JsonValueKind.String => Json.Text(v, name),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                _ => Json.Plain(v)?.ToString() ?? v.GetRawText(),
            }).Where(x => !string.IsNullOrEmpty(x)).ToArray();
            return parts.Length == 0 ? null : string.Join("; ", parts);
        }

        private static long? ActivityLong(JsonElement e, string name)
        {
            IReadOnlyList<JsonElement> values = ActivityValues(e, name);
            if (values.Count == 0)
            {
                return null;
            }

            return AsLong(values[0]) ?? throw new TallyfyApiException(TallyfyErrorKind.InvalidResponse,
                $"The service's answer has '{name}' as {values[0].ValueKind.ToString().ToLowerInvariant()} where an integer was expected.");
        }

        private static DateTimeOffset? ActivityDate(JsonElement e, string name)
        {
            IReadOnlyList<JsonElement> values = ActivityValues(e, name);
            if (values.Count == 0)
            {
                return null;
            }

            // Json.Date reads a property: wrap the first value as one.
            using JsonDocument one = JsonDocument.Parse("{\"v\":" + values[0].GetRawText() + "}");
            return Json.Date(one.RootElement, "v") is DateTimeOffset d ? d : (DateTimeOffset?)null;
        }

        /// <summary>A record's <c>custom_fields</c> (key -> value, in the order sent); empty when it has none or they are not an object.</summary>
        internal static TallyfyCustomFields CustomFields(JsonElement e)
        {
            if (!(Json.Prop(e, "custom_fields") is JsonElement custom) || custom.ValueKind != JsonValueKind.Object)
            {
                return TallyfyCustomFields.Empty;
            }

            var fields = new TallyfyCustomFields();
            foreach (JsonProperty p in custom.EnumerateObject())
            {
                fields.Set(p.Name, Json.Plain(p.Value));
            }

            return fields.Count == 0 ? TallyfyCustomFields.Empty : fields;
        }

        /// <summary>When a record was archived: <c>archived_at</c>, or <c>deleted_at</c> (a one-off task's marker on some of Tallyfy's pages).</summary>
        internal static DateTimeOffset? ArchiveMarker(JsonElement e) => Json.Date(e, "archived_at") ?? Json.Date(e, "deleted_at");

        private static TallyfyTimestamp? Stamp(JsonElement e, string name) => TallyfyTimestamp.From(Json.Date(e, name));

        private static TallyfyList<T> List<T>(IEnumerable<T> items) => new TallyfyList<T>(items);

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

        private static TallyfyTaskOwners Owners(JsonElement e) =>
            Json.Prop(e, "owners") is JsonElement o && o.ValueKind == JsonValueKind.Object ? Buckets(o, "users") : new TallyfyTaskOwners();

        /// <summary>The three buckets of people in <paramref name="o"/>: members under <paramref name="usersName"/> (ids or objects), guests (emails), groups (ids).</summary>
        internal static TallyfyTaskOwners Buckets(JsonElement o, string usersName) => new TallyfyTaskOwners
        {
            Users = Items(o, usersName).Select(u => u.ValueKind == JsonValueKind.Object ? Json.Long(u, "id") : AsLong(u))
                .Where(x => x.HasValue).Select(x => x!.Value).ToArray(),
            Guests = Items(o, "guests").Select(g => g.ValueKind == JsonValueKind.Object ? Json.String(g, "email") : Json.TryText(g) ?? g.GetRawText())
                .Where(x => !string.IsNullOrEmpty(x)).Select(x => x!).ToArray(),
            Groups = Items(o, "groups").Select(g => g.ValueKind == JsonValueKind.Object ? Json.String(g, "id") : Json.TryText(g) ?? g.GetRawText())
                .Where(x => !string.IsNullOrEmpty(x)).Select(x => x!).ToArray(),
        };

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
