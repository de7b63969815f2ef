using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace TallyfyPS.Sandbox;

/// <summary>
/// Generates the seed: people, tags, folders, templates, runs, one-off tasks and some history (a seeded run's tasks
/// and kick-off values come later, when first read: <see cref="SeededRunDetails"/>). What the ids depend on is drawn
/// from the seed's random sequence in a fixed order, so the same seed gives the same data; everything added since is
/// derived from the seed and a key (<see cref="StableId"/>) so that it shifts nothing.
/// </summary>
internal static class SeedData
{
    /// <summary>How long an organization keeps completed runs before it archives them by itself.</summary>
    public static readonly TimeSpan AutoArchiveAfter = TimeSpan.FromDays(180);

    /// <summary>How many of the newest runs of each organization get their history in the activity feed.</summary>
    public const int RunsWithHistory = 40;

    /// <summary>Seeds both organizations (empty) from <paramref name="rng"/>, in the order the ids depend on.</summary>
    public static void Seed(SandboxState state, Organization main, Organization other, Random rng, SeedSettings settings)
    {
        foreach (var org in new[] { main, other })
        {
            org.Tags.AddRange(SeedCatalog.Tags(org.Id));
            org.Folders.AddRange(SeedCatalog.Folders(org.Id));
            org.Groups.AddRange(SeedCatalog.Groups(org.Id));
            org.Guests.AddRange(SeedCatalog.Guests(org.Id));
        }

        var mainTemplates = SeedTemplates(main, rng, SeedCatalog.MainTemplates, settings);
        var otherTemplates = SeedTemplates(other, rng, SeedCatalog.OtherTemplates, settings);
        SeedRuns(main, rng, settings, settings.Runs, mainTemplates, new[] { 1001, 1001, 1002, 1002, 1003 });
        SeedRuns(other, rng, settings, 10, otherTemplates, new[] { 2001 });
        SeedOneOffs(main, rng, SeedCatalog.MainOneOffTitles, new[] { 1001, 1002, 1003 }, 3, 500_000);
        SeedOneOffs(other, rng, SeedCatalog.OtherOneOffTitles, new[] { 2001 }, 1, 550_000);
        SeedHistory(state, new[] { main, other });
    }

    public static string StepId(Checklist cl, int position) =>
        cl.Id.Substring(0, 24) + position.ToString("x8", CultureInfo.InvariantCulture);


    /// <summary>A field of a template from its definition; option ids are <c>position * 100 + n</c>.</summary>
    public static FieldDefinition Field(string id, int position, FieldDef d, string? alias = null) => new FieldDefinition
    {
        Id = id,
        Alias = alias ?? SandboxState.Slug(d.Label),
        Label = d.Label,
        FieldType = d.Type,
        Required = d.Required,
        Position = position,
        Guidance = d.Guidance,
        Options = (d.Options ?? Array.Empty<string>()).Select((t, i) => new FieldOption(position * 100 + i + 1, t)).ToArray(),
        Columns = (d.Columns ?? Array.Empty<string>()).Select((t, i) => new TableColumn(StableId.Of(id + "/column/" + i), t)).ToArray(),
    };

    /// <summary>The templates of an organization; returns those seeded runs come from, with their own step counts.</summary>
    private static List<(Checklist Template, int Steps)> SeedTemplates(Organization org, Random rng, TemplateDef[] defs, SeedSettings settings)
    {
        var runTemplates = new List<(Checklist, int)>();
        for (int index = 0; index < defs.Length; index++)
        {
            var d = defs[index];
            string id;
            DateTime created;
            string[] commonIds;
            if (d.SeedsRuns)
            {
                id = SandboxState.Hex(rng);
                created = org.CreatedAt.AddDays(rng.Next(10, 200));
                commonIds = new[] { SandboxState.Hex(rng), SandboxState.Hex(rng), SandboxState.Hex(rng) };
            }
            else
            {
                id = StableId.Of($"{settings.Seed}/{org.Id}/template/{d.Title}");
                created = org.CreatedAt.AddDays(200 + (37 * index));
                commonIds = new[] { StableId.Of(id + "/prerun/0"), StableId.Of(id + "/prerun/1"), StableId.Of(id + "/prerun/2") };
            }

            var cl = new Checklist
            {
                Id = id,
                Title = d.Title,
                Summary = d.Summary,
                Type = d.Type,
                Status = d.Status,
                Starred = d.Starred,
                IsPinned = d.Pinned,
                OwnerId = d.Owner,
                CreatedBy = d.Owner,
                Folder = d.Folder is null ? null : org.Folders.First(f => f.FolderType == "checklist" && f.Name == d.Folder),
                CreatedAt = created,
                LastUpdated = created.AddDays(3),
                ArchivedAt = d.Archived ? created.AddDays(400) : null,
                CustomFields = SeedCustomFields.ForTemplate(index),
            };
            cl.KickoffFields.Add(Field(commonIds[0], 1, new FieldDef("Requested by", "text", Required: true), "requested_by"));
            cl.KickoffFields.Add(Field(commonIds[1], 2, new FieldDef("Department", "dropdown", Required: true, Options: d.Depts), "department"));
            cl.KickoffFields.Add(Field(commonIds[2], 3, new FieldDef("Budget (USD)", "text"), "budget"));
            for (int k = 0; k < d.Extra.Length; k++)
            {
                cl.KickoffFields.Add(Field(StableId.Of(id + "/prerun/" + (k + 3)), k + 4, d.Extra[k]));
            }

            int steps = Math.Max(d.Steps.Length, settings.TasksPerRun ?? 0);
            for (int p = 1; p <= steps; p++)
            {
                var sd = p <= d.Steps.Length ? d.Steps[p - 1] : new StepDef("Checkpoint " + p.ToString(CultureInfo.InvariantCulture), Step.Types[p % Step.Types.Length]);
                var step = new Step { Id = StepId(cl, p), Position = p, Title = sd.Title, Alias = SandboxState.Slug(sd.Title), StepType = sd.Type, Summary = sd.Title + "." };
                int fields = settings.FormFieldsPerTask ?? 2;
                for (int k = 0; k < fields; k++)
                {
                    FieldDef fd = k == 0
                        ? new FieldDef("Notes", "textarea")
                        : SeedCatalog.StepFields[(index + p + k - 1) % SeedCatalog.StepFields.Length];
                    if (k > SeedCatalog.StepFields.Length)
                    {
                        fd = fd with { Label = fd.Label + " " + (k / SeedCatalog.StepFields.Length + 1).ToString(CultureInfo.InvariantCulture) };
                    }

                    step.Captures.Add(Field(StableId.Of($"{id}/step/{p}/field/{k}"), k + 1, fd));
                }

                SeedStepAssignees.Assign(d.Title, step);
                cl.Steps.Add(step);
            }

            foreach (string title in d.Tags)
            {
                var tag = org.Tags.First(t => t.Title == title);
                var link = new TagLink { Id = StableId.Of(id + "/tag/" + tag.Id), Tag = tag, SubjectType = "Checklist", SubjectId = id, CreatedAt = created };
                cl.Tags.Add(link);
                org.TagLinks[link.Id] = link;
            }

            org.Checklists.Add(cl);
            if (d.SeedsRuns)
            {
                runTemplates.Add((cl, d.Steps.Length));
            }
        }

        return runTemplates;
    }

    private static void SeedRuns(Organization org, Random rng, SeedSettings settings, int count, List<(Checklist Template, int Steps)> templates, int[] owners)
    {
        long spanSeconds = 3L * 365 * 24 * 3600;
        int maxGap = (int)Math.Max(2, Math.Min(int.MaxValue - 1, 2 * spanSeconds / Math.Max(1, count)));
        DateTime t = SandboxState.BaseTime;
        org.Runs.Capacity = count + 16;
        var runFolders = org.Folders.Where(f => f.FolderType == "run").ToDictionary(f => f.Name);
        for (int i = 0; i < count; i++)
        {
            t = t.AddSeconds(-rng.Next(1, maxGap)).AddMilliseconds(-rng.Next(0, 999));
            var (cl, seedSteps) = templates[rng.Next(templates.Count)];
            double r = rng.NextDouble();
            string status;
            bool archived = false;
            if (r < 0.40) { status = "active"; }
            else if (r < 0.65) { status = "complete"; }
            else if (r < 0.75) { status = "problem"; }
            else if (r < 0.85) { status = "delayed"; }
            else { archived = true; status = rng.Next(2) == 0 ? "active" : "complete"; }

            int inc = org.NextRunIncrement++;
            int owner = owners[rng.Next(owners.Length)];
            int total = rng.Next(3, Math.Min(5, seedSteps) + 1);
            int complete = status == "complete" ? total : rng.Next(0, total);
            if (settings.TasksPerRun is int n)
            {
                complete = status == "complete" ? n : Math.Min(complete, n - 1);
                total = n;
            }

            var departments = cl.KickoffFields[1].Options;
            int dept = rng.Next(departments.Count);
            DateTime last = t.AddMinutes(rng.Next(5, 14 * 24 * 60));
            if (last > SandboxState.BaseTime)
            {
                last = SandboxState.BaseTime;
            }

            string runId = SandboxState.Hex(rng);
            string summary = rng.Next(3) == 0 ? "" : $"{cl.Summary} Requested for {departments[dept].Text}.";
            int startedBy = rng.Next(4) == 0 ? 1001 : owner;
            bool starred = rng.NextDouble() < 0.06;
            bool isPublic = rng.NextDouble() < 0.1;
            DateTime due = t.AddDays(rng.Next(14, 60));
            int late = status == "delayed" ? rng.Next(1, 3) : 0;
            var users = new List<int> { owner };
            if (owner != 2001 && rng.Next(2) == 0)
            {
                int extra = owners[rng.Next(owners.Length)];
                if (extra != owner)
                {
                    users.Add(extra);
                }
            }

            int requester = rng.Next(SeedCatalog.Requesters.Length);
            int? budget = rng.Next(0, 3) == 0 ? null : rng.Next(5, 500) * 100;
            var tags = new List<Tag>();
            if (rng.NextDouble() < 0.6)
            {
                foreach (var link in cl.Tags)
                {
                    if (rng.Next(3) != 0)
                    {
                        tags.Add(link.Tag);
                    }
                }
            }

            DateTime? completedAt = status == "complete" ? last : null;
            DateTime? archivedAt = null;
            if (archived)
            {
                bool auto = completedAt is not null && StableId.Mix(settings.Seed, i, 1) % 2 == 0 && completedAt.Value + AutoArchiveAfter <= SandboxState.BaseTime;
                archivedAt = auto ? completedAt!.Value + AutoArchiveAfter : last.AddHours(1);
            }

            var run = new Run
            {
                Id = runId,
                Index = i,
                IncrementId = inc,
                Checklist = cl,
                Name = $"{cl.Title} - {departments[dept].Text} #{inc}",
                Summary = summary,
                Status = status,
                TaskTotal = total,
                TaskComplete = complete,
                StartedBy = startedBy,
                OwnerId = owner,
                Starred = starred,
                IsPublic = isPublic,
                Type = cl.Type,
                CreatedAt = t,
                StartedAt = t,
                LastUpdated = last,
                CompletedAt = completedAt,
                ArchivedAt = archivedAt,
                DueDate = due,
                LateTasks = late,
                SeededKickoff = new SeededKickoff(requester, dept, budget, settings.Seed),
                CustomFields = SeedCustomFields.ForRun(settings.Seed, i),
            };
            run.Users.AddRange(users);
            foreach (var tag in tags)
            {
                var link = new TagLink { Id = StableId.Of(runId + "/tag/" + tag.Id), Tag = tag, SubjectType = "Run", SubjectId = runId, CreatedAt = t };
                run.Tags.Add(link);
                org.TagLinks[link.Id] = link;
            }

            if (StableId.Mix(settings.Seed, i, 2) % 5 == 0)
            {
                run.Groups.Add(org.Groups[StableId.Mix(settings.Seed, i, 3) % org.Groups.Count].Id);
            }

            if (SeedCatalog.RunFolderOf(cl.Title) is string folder && StableId.Mix(settings.Seed, i, 4) % 4 != 0)
            {
                run.Folders.Add(runFolders[folder]);
            }

            if (archivedAt is not null && t.Year <= 2024 && runFolders.TryGetValue("Archive 2024", out var archive))
            {
                run.Folders.Add(archive);
            }

            org.Runs.Add(run);
            org.RunsById[run.Id] = run;
            org.RunsByPrefix[run.Id.Substring(0, 24)] = run;
        }
    }

    private static void SeedOneOffs(Organization org, Random rng, string[] titles, int[] owners, int archivedCount, long threadBase)
    {
        DateTime t = SandboxState.BaseTime.AddHours(-3);
        for (int i = 0; i < titles.Length; i++)
        {
            t = t.AddHours(-rng.Next(5, 120)).AddMilliseconds(-rng.Next(0, 999));
            bool completed = rng.Next(5) == 0;
            string id = SandboxState.Hex(rng);
            string status = completed ? "completed" : (rng.Next(2) == 0 ? "active" : "not-started");
            DateTime deadline = t.AddDays(rng.Next(1, 20));
            DateTime updated = t.AddHours(rng.Next(1, 48));
            var task = new TaskItem
            {
                Id = id,
                IncrementId = 1_000_000 + org.NextTaskIncrement++,
                Title = titles[i],
                Alias = SandboxState.Slug(titles[i]),
                Description = $"One-off task: {titles[i].ToLowerInvariant()}.",
                Status = status,
                TaskType = "task",
                Position = 0,
                Deadline = deadline,
                CreatedAt = t,
                LastUpdated = updated,
                CustomFields = SeedCustomFields.ForOneOff(i),
            };
            task.OwnerUsers.Add(owners[rng.Next(owners.Length)]);
            if (completed)
            {
                task.CompletedAt = task.LastUpdated;
                task.CompleterId = task.OwnerUsers[0];
                task.Outcome = "completed";
                task.Notifications = 1;
                task.Webhooks = 1;
            }

            if (task.Status != "not-started")
            {
                task.StartedAt = t.AddMinutes(30);
            }

            if (i % 4 == 1 && archivedCount > 0)
            {
                task.OwnArchivedAt = task.LastUpdated.AddHours(2);
                archivedCount--;
            }

            if (rng.Next(3) == 0)
            {
                SandboxState.Hex(rng); // the place of the hex thread id this draw once made: later draws keep their values
                task.Threads.Add(new Comment { Id = threadBase + (i * 10), Content = "Started on this, will update by Friday.", Label = "comment", AuthorId = task.OwnerUsers[0], CreatedAt = t.AddHours(1) });
            }

            var notes = Field(SandboxState.Hex(rng), 1, new FieldDef("Notes", "textarea"));
            task.FormFields.Add(new FormField { Definition = notes, Value = rng.Next(2) == 0 ? null : JsonValue.Create("Checked with the team.") });
            org.OneOffTasks.Add(task);
            org.TasksById[task.Id] = task;
        }
    }

    /// <summary>The history of the templates, of the newest runs (created, completed, archived) and of every automatic archiving.</summary>
    private static void SeedHistory(SandboxState state, Organization[] orgs)
    {
        foreach (var org in orgs)
        {
            var entries = new List<(DateTime At, Func<long, ActivityEntry> Make)>();
            foreach (var cl in org.Checklists)
            {
                var owner = SeedCatalog.MemberById(cl.OwnerId)!;
                entries.Add((cl.CreatedAt, id => Activity.Entry(id, owner, "created", "checklist", cl.Id, $"{owner.FullName} created the template '{cl.Title}'", cl.CreatedAt)));
                if (cl.ArchivedAt is DateTime archived)
                {
                    entries.Add((archived, id => Activity.Entry(id, owner, "archived", "checklist", cl.Id, $"{owner.FullName} archived the template '{cl.Title}'", archived)));
                }
            }

            foreach (var run in org.Runs.Take(RunsWithHistory))
            {
                var starter = SeedCatalog.MemberById(run.StartedBy)!;
                var owner = SeedCatalog.MemberById(run.OwnerId)!;
                entries.Add((run.CreatedAt, id => Activity.Entry(id, starter, "created", "run", run.Id, $"{starter.FullName} launched the process '{run.Name}'", run.CreatedAt, runId: run.Id)));
                if (run.CompletedAt is DateTime done)
                {
                    entries.Add((done, id => Activity.Entry(id, owner, "completed", "run", run.Id, $"The process '{run.Name}' was completed", done, runId: run.Id)));
                }

                if (run.ArchivedAt is DateTime archived)
                {
                    bool auto = run.CompletedAt is DateTime c && archived == c + AutoArchiveAfter;
                    entries.Add((archived, id => auto
                        ? Activity.System(id, "archived", "run", run.Id, $"The process '{run.Name}' was archived automatically", archived, runId: run.Id)
                        : Activity.Entry(id, owner, "archived", "run", run.Id, $"{owner.FullName} archived the process '{run.Name}'", archived, runId: run.Id)));
                }
            }

            foreach (var run in org.Runs.Skip(RunsWithHistory))
            {
                if (run.ArchivedAt is DateTime archived && run.CompletedAt is DateTime c && archived == c + AutoArchiveAfter)
                {
                    entries.Add((archived, id => Activity.System(id, "archived", "run", run.Id, $"The process '{run.Name}' was archived automatically", archived, runId: run.Id)));
                }
            }

            foreach (var (_, make) in entries.OrderBy(e => e.At))
            {
                org.Activity.Add(make(state.NextActivityId()));
            }
        }
    }
}
