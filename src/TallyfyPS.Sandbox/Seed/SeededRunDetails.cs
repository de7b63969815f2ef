using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>
/// What a seeded run gets only when it is first read: its tasks (with comments, form fields, completion outcomes)
/// and its kick-off values. Each comes from the seed and the run's index alone, so it is the same whenever it is
/// made, and 100,000 seeded runs cost nothing until they are read.
/// </summary>
internal static class SeededRunDetails
{
    /// <summary>Task ids of seeded runs: run id prefix (24 hex) + position (2 hex) + random bits (6 hex).</summary>
    public static string TaskIdFor(Run run, int position, Random rng) =>
        run.Id.Substring(0, 24) + position.ToString("x2", CultureInfo.InvariantCulture) + rng.Next(1 << 24).ToString("x6", CultureInfo.InvariantCulture);

    /// <summary>Generates a seeded run's tasks (deterministic from seed + run index).</summary>
    public static void MaterializeTasks(SandboxState state, Organization org, Run run)
    {
        bool main = org.Id == SandboxState.MainOrgId;
        var rng = new Random(unchecked((state.Seed * 1_000_003) + (run.Index * 7919) + (main ? 17 : 23)));
        var tasks = new List<TaskItem>(run.TaskTotal);
        int[] users = run.Users.Count > 0 ? run.Users.ToArray() : new[] { run.OwnerId };
        int? commentsPerTask = state.Settings.CommentsPerTask;
        long threadBase = (main ? 1_000_000L : 600_000L) + (run.Index * 1000L);
        bool current = false;
        for (int p = 1; p <= run.TaskTotal; p++)
        {
            var step = run.Checklist.Steps[p - 1];
            string status;
            if (p <= run.TaskComplete)
            {
                status = "completed";
            }
            else if (!current && run.Status != "complete")
            {
                status = rng.Next(2) == 0 ? "active" : "in-progress";
                current = true;
            }
            else
            {
                status = "not-started";
            }

            DateTime created = run.CreatedAt;
            var task = new TaskItem
            {
                Id = TaskIdFor(run, p, rng),
                IncrementId = (run.IncrementId * 100) + p,
                Title = step.Title,
                Alias = step.Alias,
                Description = step.Summary,
                Run = run,
                StepId = step.Id,
                Status = status,
                TaskType = step.StepType,
                Position = p,
                Deadline = created.AddDays(p * 3).AddHours(rng.Next(0, 8)),
                CreatedAt = created,
                LastUpdated = run.LastUpdated,
                CustomFields = SeedCustomFields.ForRunTask(run, p),
            };
            task.OwnerUsers.Add(users[rng.Next(users.Length)]);
            if (run.Groups.Count > 0 && rng.Next(3) == 0)
            {
                task.OwnerGroups.Add(run.Groups[0]);
            }

            if (rng.Next(6) == 0)
            {
                var guests = SeedCatalog.Guests(org.Id).ToList(); // the seeded guests, whoever was added or removed since
                task.OwnerGuests.Add(guests[rng.Next(guests.Count)].Email);
            }

            if (status != "not-started")
            {
                task.StartedAt = created.AddHours(p);
            }

            if (status == "completed")
            {
                task.CompletedAt = created.AddDays(p).AddHours(rng.Next(1, 8));
                task.CompleterId = task.OwnerUsers[0];
                task.Outcome = task.TaskType switch
                {
                    "approval" => rng.Next(6) == 0 ? "rejected" : "approved",
                    "expiring" or "expiring_email" => rng.Next(5) == 0 ? "expired" : "completed",
                    _ => "completed",
                };
                task.Notifications = 1;
                task.Webhooks = 1;
            }

            int k = 0;
            if (commentsPerTask is null && run.Status == "problem" && status != "completed" && status != "not-started")
            {
                // A seeded problem is resolved (its resolve thread follows it): an open one would lock the run, and
                // the seeded "problem" runs keep their status. Tests make open issues themselves (POST .../problem).
                long problemId = threadBase + ((p - 1) * 40) + k++;
                long resolveId = threadBase + ((p - 1) * 40) + k++;
                task.Threads.Add(new Comment { Id = problemId, Content = "Reported a problem: blocked on missing information.", Label = "problem", AuthorId = task.OwnerUsers[0], CreatedAt = created.AddHours(p + 2), ResolveId = resolveId });
                task.Threads.Add(new Comment { Id = resolveId, Content = "Resolved: the information came in.", Label = "resolve", AuthorId = task.OwnerUsers[0], CreatedAt = created.AddHours(p + 2).AddMinutes(30) });
            }

            int comments = commentsPerTask ?? rng.Next(0, 3);
            for (int n = 0; n < comments; n++)
            {
                task.Threads.Add(new Comment
                {
                    Id = threadBase + ((p - 1) * 40) + k++,
                    Content = SeedCatalog.CommentTexts[rng.Next(SeedCatalog.CommentTexts.Length)],
                    Label = "comment",
                    AuthorId = users[rng.Next(users.Length)],
                    CreatedAt = created.AddHours(p + n + 3),
                });
            }

            foreach (var capture in step.Captures)
            {
                task.FormFields.Add(new FormField { Definition = capture, Value = status == "completed" ? SampleValue(capture, rng, org) : null });
            }

            tasks.Add(task);
            org.TasksById[task.Id] = task;
        }

        run.Tasks = tasks;
    }

    /// <summary>A seeded run's kick-off values, keyed by field id: every field present, null when unanswered.</summary>
    public static Dictionary<string, JsonNode?> SeededPrerun(Run run)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var fields = run.Checklist.KickoffFields;
        if (run.SeededKickoff is not { } k)
        {
            return values;
        }

        values[fields[0].Id] = SeedCatalog.Requesters[k.Requester];
        var dept = fields[1].Options[k.Department];
        values[fields[1].Id] = new JsonObject { ["id"] = dept.Id, ["text"] = dept.Text };
        values[fields[2].Id] = k.Budget?.ToString(CultureInfo.InvariantCulture);
        var rng = new Random(StableId.Mix(k.Seed, run.Index, 77));
        for (int i = 3; i < fields.Count; i++)
        {
            bool answered = fields[i].Required || rng.Next(2) == 0;
            values[fields[i].Id] = answered ? SampleValue(fields[i], rng, null) : null;
        }

        return values;
    }

    private static readonly string[] Words = { "Checked", "Reviewed with the team", "Numbers attached", "See the shared folder", "Confirmed by phone" };

    /// <summary>A plausible answer of the field's type, in the shape the contract gives for it.</summary>
    public static JsonNode SampleValue(FieldDefinition f, Random rng, Organization? org)
    {
        switch (f.FieldType)
        {
            case "textarea":
                return Words[rng.Next(Words.Length)] + ".";
            case "email":
                return SeedCatalog.Members[rng.Next(SeedCatalog.Members.Count)].Email;
            case "date":
                return SandboxState.Iso(SandboxState.BaseTime.Date.AddDays(-rng.Next(0, 900)));
            case "radio":
                return f.Options[rng.Next(f.Options.Count)].Text;
            case "dropdown":
            {
                var o = f.Options[rng.Next(f.Options.Count)];
                return new JsonObject { ["id"] = o.Id, ["text"] = o.Text };
            }

            case "multiselect":
            {
                var chosen = new JsonArray();
                foreach (var o in f.Options)
                {
                    if (rng.Next(2) == 0 || (chosen.Count == 0 && o == f.Options[^1]))
                    {
                        chosen.Add(new JsonObject { ["id"] = o.Id, ["text"] = o.Text, ["selected"] = true });
                    }
                }

                return chosen;
            }

            case "file":
            {
                string name = SandboxState.Slug(f.Label) + "-" + rng.Next(100, 999).ToString(CultureInfo.InvariantCulture) + ".pdf";
                return new JsonArray(new JsonObject { ["filename"] = name, ["url"] = "https://files.example/" + name, ["source"] = "url" });
            }

            case "table":
            {
                var row = new JsonArray();
                foreach (var col in f.Columns)
                {
                    row.Add(col.Label + " " + rng.Next(1, 99).ToString(CultureInfo.InvariantCulture));
                }

                return row;
            }

            case "assignees_form":
            {
                var members = SeedCatalog.Members.Where(m => org is null ? m.OrganizationId == SandboxState.MainOrgId : m.OrganizationId == org.Id).ToList();
                return new JsonObject
                {
                    ["users"] = new JsonArray(members[rng.Next(members.Count)].Id),
                    ["guests"] = new JsonArray(),
                    ["groups"] = new JsonArray(),
                };
            }

            default:
                return rng.Next(10, 5000).ToString(CultureInfo.InvariantCulture);
        }
    }
}
