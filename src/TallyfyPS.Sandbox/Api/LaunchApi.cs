using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using static TallyfyPS.Sandbox.RequestValues;

namespace TallyfyPS.Sandbox;

/// <summary>
/// <c>POST /runs</c>: launches a run from a template, one task per step. There is no idempotency key: the same
/// request twice makes two runs.
/// </summary>
internal static class LaunchApi
{
    public const int MaxName = 550;

    public static void Map(ApiRoutes r)
    {
        r.Org("POST", "/runs", Launch, body: true);
    }

    private static ApiResult Launch(ApiCall c)
    {
        if (c.LightDenied("launch processes") is { } denied)
        {
            return ApiResult.Forbidden(denied);
        }

        var body = c.Body as JsonObject ?? new JsonObject();
        var errors = new Dictionary<string, string>();
        string? checklistId = Str(body["checklist_id"]) ?? Str(body["blueprint_id"]);
        Checklist? cl = null;
        if (string.IsNullOrWhiteSpace(checklistId))
        {
            errors["checklist_id"] = "The checklist id field is required.";
        }
        else
        {
            cl = c.Org.Checklists.FirstOrDefault(x => x.Id == checklistId && x.ArchivedAt is null);
            if (cl is null)
            {
                errors["checklist_id"] = "The selected checklist id is invalid.";
            }
        }

        string? name = Str(body["name"])?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = "The name field is required.";
        }
        else if (name.Length > MaxName)
        {
            errors["name"] = "The name may not be greater than 550 characters.";
        }

        int owner = c.User.Id;
        if (body.ContainsKey("owner_id"))
        {
            int? o = Int(body["owner_id"]);
            if (o is null || c.State.UserById(o.Value)?.OrganizationId != c.Org.Id)
            {
                errors["owner_id"] = "The selected owner id is invalid.";
            }
            else
            {
                owner = o.Value;
            }
        }

        var users = ReadMembers(c, body, errors);
        var groups = ReadGroups(c, body, errors);
        var folders = ReadFolders(c, body, errors);
        var prerun = cl is null ? new Dictionary<string, JsonNode?>() : ReadPrerun(c, cl, body["prerun"], errors, requireAll: true);
        var stepInput = cl is null ? new Dictionary<string, (DateTime? Deadline, Owners? Owners)>() : ReadSteps(c, cl, body["tasks"], errors);
        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        // (trap) an email assigned to a step that is neither a member's nor a guest's becomes a guest: it counts against the invite cap.
        var stepGuests = stepInput.Values.Where(v => v.Owners is not null).SelectMany(v => v.Owners!.Guests).ToList();
        if (Owners.GuestInvitesReached(c, stepGuests) is { } tooMany)
        {
            return tooMany;
        }

        DateTime now = SandboxClock.Now();
        Owners.AdmitGuests(c.Org, stepGuests, now);
        var run = new Run
        {
            Id = c.State.NewId(),
            Index = -1,
            IncrementId = c.Org.NextRunIncrement++,
            Checklist = cl!,
            Name = name!,
            Summary = Str(body["summary"]) ?? "",
            Status = "active",
            StartedBy = c.User.Id,
            OwnerId = owner,
            Starred = Bool(body["starred"]) ?? false,
            IsPublic = Bool(body["is_public"]) ?? false,
            Type = cl!.Type,
            ParentId = Str(body["parent_id"]),
            CreatedAt = now,
            StartedAt = now,
            LastUpdated = now,
            DueDate = now.AddDays(14),
        };
        run.Users.AddRange(users ?? new List<int> { c.User.Id });
        run.Groups.AddRange(groups ?? new List<string>());
        run.Folders.AddRange(folders);
        foreach (var k in cl.KickoffFields)
        {
            run.Prerun[k.Id] = prerun.GetValueOrDefault(k.Id);
        }

        if (body["tags"] is JsonArray tags)
        {
            foreach (var t in tags)
            {
                string? tv = Str(t);
                var tag = c.Org.Tags.FirstOrDefault(x => x.Id == tv || x.Title == tv);
                if (tag is not null && !run.Tags.Any(l => l.Tag == tag))
                {
                    var link = new TagLink { Id = c.State.NewId(), Tag = tag, SubjectType = "Run", SubjectId = run.Id, CreatedAt = now };
                    run.Tags.Add(link);
                    c.Org.TagLinks[link.Id] = link;
                }
            }
        }

        var tasks = new List<TaskItem>();
        foreach (var step in cl.Steps)
        {
            int p = step.Position;
            stepInput.TryGetValue(step.Id, out var input);
            var t = new TaskItem
            {
                Id = c.State.NewId(),
                IncrementId = (run.IncrementId * 100) + p,
                Title = step.Title,
                Alias = step.Alias,
                Description = step.Summary,
                Run = run,
                StepId = step.Id,
                Status = p == 1 ? "active" : "not-started",
                TaskType = step.StepType,
                Position = p,
                Deadline = input.Deadline ?? now.AddDays(p * 2),
                StartedAt = p == 1 ? now : null,
                CreatedAt = now,
                LastUpdated = now,
            };
            if (input.Owners is { } owners)
            {
                owners.ApplyTo(t);
            }
            else if (step.HasAssignees)
            {
                // the step's assignees; a disabled member is dropped (the task starts with nobody of theirs)
                t.OwnerUsers.AddRange(step.Assignees.Where(u => c.State.UserById(u)?.Status != "disabled"));
                t.OwnerGuests.AddRange(step.Guests);
                t.OwnerGroups.AddRange(step.Groups);
            }
            else
            {
                t.OwnerUsers.Add(c.User.Id);
            }

            foreach (var capture in step.Captures)
            {
                t.FormFields.Add(new FormField { Definition = capture });
            }

            tasks.Add(t);
            c.Org.TasksById[t.Id] = t;
        }

        run.Tasks = tasks;
        run.TaskTotal = tasks.Count;
        c.State.AddRun(c.Org, run);
        c.Record("created", "run", run.Id, $"launched the process '{run.Name}' from '{cl.Title}'", runId: run.Id);
        return new ApiResult(201, ApiJson.Wrap(c.Json.Run(run, c.With())));
    }

    /// <summary><c>users</c>: member ids of the organization; null when absent.</summary>
    public static List<int>? ReadMembers(ApiCall c, JsonObject body, Dictionary<string, string> errors)
    {
        if (body["users"] is not JsonNode n)
        {
            return null;
        }

        var list = new List<int>();
        if (n is not JsonArray a)
        {
            errors["users"] = "The users must be an array of user ids.";
            return list;
        }

        for (int i = 0; i < a.Count; i++)
        {
            int? id = Int(a[i]);
            if (id is null || c.State.UserById(id.Value)?.OrganizationId != c.Org.Id)
            {
                errors["users." + i.ToString(CultureInfo.InvariantCulture)] = $"The selected users.{i.ToString(CultureInfo.InvariantCulture)} is invalid.";
            }
            else if (!list.Contains(id.Value))
            {
                list.Add(id.Value);
            }
        }

        return list;
    }

    /// <summary><c>groups</c>: group ids of the organization; null when absent.</summary>
    public static List<string>? ReadGroups(ApiCall c, JsonObject body, Dictionary<string, string> errors)
    {
        if (body["groups"] is not JsonNode n)
        {
            return null;
        }

        var list = new List<string>();
        if (n is not JsonArray a)
        {
            errors["groups"] = "The groups must be an array of group ids.";
            return list;
        }

        for (int i = 0; i < a.Count; i++)
        {
            string? id = Str(a[i]);
            if (id is null || !c.Org.Groups.Any(g => g.Id == id))
            {
                errors["groups." + i.ToString(CultureInfo.InvariantCulture)] = $"The selected groups.{i.ToString(CultureInfo.InvariantCulture)} is invalid.";
            }
            else if (!list.Contains(id))
            {
                list.Add(id);
            }
        }

        return list;
    }

    private static List<Folder> ReadFolders(ApiCall c, JsonObject body, Dictionary<string, string> errors)
    {
        var list = new List<Folder>();
        if (body["folders"] is not JsonNode n)
        {
            return list;
        }

        if (n is not JsonArray a)
        {
            errors["folders"] = "The folders must be an array of folder ids.";
            return list;
        }

        for (int i = 0; i < a.Count; i++)
        {
            string? id = Str(a[i]);
            var folder = c.Org.Folders.FirstOrDefault(f => f.Id == id && f.FolderType == "run");
            if (folder is null)
            {
                errors["folders." + i.ToString(CultureInfo.InvariantCulture)] = $"The selected folders.{i.ToString(CultureInfo.InvariantCulture)} is invalid.";
            }
            else if (!list.Contains(folder))
            {
                list.Add(folder);
            }
        }

        return list;
    }

    /// <summary>
    /// Kick-off values keyed by field timeline id. A key that is no field id of the template (a label, an alias, a
    /// typo) is dropped without a word, as the service does. With <paramref name="requireAll"/> (a launch) every
    /// required field must have a value; otherwise only the values sent are checked.
    /// </summary>
    public static Dictionary<string, JsonNode?> ReadPrerun(ApiCall c, Checklist cl, JsonNode? node, Dictionary<string, string> errors, bool requireAll)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var given = node as JsonObject ?? new JsonObject();
        if (node is not null and not JsonObject)
        {
            errors["prerun"] = "The prerun must be an object keyed by kick-off field id.";
            return values;
        }

        foreach (var field in cl.KickoffFields)
        {
            bool sent = given.TryGetPropertyValue(field.Id, out var v);
            string key = "prerun." + field.Id;
            if (field.Required && (sent || requireAll) && FieldValues.IsEmpty(v))
            {
                errors[key] = field.Label + " is required";
                continue;
            }

            if (!sent)
            {
                continue;
            }

            if (FieldValues.Problem(field, v, c.Org) is string problem)
            {
                errors[key] = problem;
                continue;
            }

            values[field.Id] = v?.DeepClone();
        }

        return values;
    }

    /// <summary>A launch's <c>tasks</c>: per step timeline id, a deadline and owners. Keys that are no step are ignored.</summary>
    private static Dictionary<string, (DateTime? Deadline, Owners? Owners)> ReadSteps(ApiCall c, Checklist cl, JsonNode? node, Dictionary<string, string> errors)
    {
        var result = new Dictionary<string, (DateTime?, Owners?)>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject o)
        {
            errors["tasks"] = "The tasks must be an object keyed by step id.";
            return result;
        }

        foreach (var step in cl.Steps)
        {
            if (o[step.Id] is not JsonObject s)
            {
                continue;
            }

            string prefix = "tasks." + step.Id;
            DateTime? deadline = null;
            if (s["deadline"] is JsonNode dn)
            {
                if (Deadlines.TryRead(c, Str(dn), out var d, out string why))
                {
                    deadline = d;
                }
                else
                {
                    errors[prefix + ".deadline"] = why;
                }
            }

            Owners? owners = s["owners"] is JsonObject ow ? Owners.Read(ow, c.Org, prefix + ".owners", errors) : null;
            result[step.Id] = (deadline, owners);
        }

        return result;
    }
}
