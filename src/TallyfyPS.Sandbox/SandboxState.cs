using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TallyfyPS.Sandbox;

/// <summary>In-memory state of the sandbox. Every access happens under <see cref="Gate"/>.</summary>
public sealed class SandboxState
{
    public const string MainOrgId = "5f1e4c2a9b8d4e7f8a6b3c2d1e0f9a8b";
    public const string MainOrgName = "Acme Operations";
    public const string OtherOrgId = "7c3d2b1a0f9e8d7c6b5a493827161504";
    public const string OtherOrgName = "Globex Field Services";
    public const string AdminToken = "tly-sandbox-admin-token";
    public const string StandardToken = "tly-sandbox-standard-token";
    public const string LightToken = "tly-sandbox-light-token";
    public const string OtherAdminToken = "tly-sandbox-other-admin-token";
    public const string OAuthClientId = "4001";
    public const string OAuthClientSecret = "sandbox-client-secret";
    public const int OAuthClientUserId = 1001;
    public const string UserPassword = "sandbox-password";

    public static readonly DateTime BaseTime = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    public static readonly IReadOnlyList<User> Users = new[]
    {
        new User { Id = 1001, Email = "dana.whitfield@acme.example", Username = "dana.whitfield", FirstName = "Dana", LastName = "Whitfield", Timezone = "America/Chicago", Role = Role.Admin, OrganizationId = MainOrgId, Token = AdminToken },
        new User { Id = 1002, Email = "marco.reyes@acme.example", Username = "marco.reyes", FirstName = "Marco", LastName = "Reyes", Timezone = "Europe/London", Role = Role.Standard, OrganizationId = MainOrgId, Token = StandardToken },
        new User { Id = 1003, Email = "priya.natarajan@acme.example", Username = "priya.natarajan", FirstName = "Priya", LastName = "Natarajan", Timezone = "Asia/Kolkata", Role = Role.Light, OrganizationId = MainOrgId, Token = LightToken },
        new User { Id = 2001, Email = "hank.scorpio@globex.example", Username = "hank.scorpio", FirstName = "Hank", LastName = "Scorpio", Timezone = "America/Los_Angeles", Role = Role.Admin, OrganizationId = OtherOrgId, Token = OtherAdminToken },
    };

    public static readonly IReadOnlyList<Tag> AllTags = new[]
    {
        new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e01", Title = "finance", Color = "#2e86de" },
        new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e02", Title = "hr", Color = "#e67e22" },
        new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e03", Title = "onboarding", Color = "#27ae60" },
        new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e04", Title = "q3", Color = "#8e44ad" },
        new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e05", Title = "urgent", Color = "#c0392b" },
        new Tag { Id = "a1f0c3e2b4d5968778695a4b3c2d1e06", Title = "field", Color = "#16a085" },
    };

    public object Gate { get; } = new object();
    public int Seed { get; private set; }
    public int RunCount { get; private set; }
    public Dictionary<string, Organization> Orgs { get; } = new Dictionary<string, Organization>(StringComparer.Ordinal);

    /// <summary>Issued OAuth access tokens.</summary>
    public Dictionary<string, IssuedToken> AccessTokens { get; } = new Dictionary<string, IssuedToken>(StringComparer.Ordinal);

    /// <summary>Issued OAuth refresh tokens -> user id.</summary>
    public Dictionary<string, int> RefreshTokens { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    public Random IdRandom { get; private set; } = new Random(1);

    /// <summary>Bumped on every change that can affect run lists (cache invalidation).</summary>
    public long Version { get; private set; }

    private readonly Dictionary<string, (long Version, List<Run> Runs)> _listCache = new Dictionary<string, (long Version, List<Run> Runs)>(StringComparer.Ordinal);

    public void Touch() => Version++;

    /// <summary>The filtered, sorted run list for a normalized query; recomputed when the state changed.</summary>
    public List<Run> CachedRunList(string key, Func<List<Run>> compute)
    {
        if (_listCache.TryGetValue(key, out var hit) && hit.Version == Version)
        {
            return hit.Runs;
        }

        var list = compute();
        if (_listCache.Count >= 16)
        {
            _listCache.Clear();
        }

        _listCache[key] = (Version, list);
        return list;
    }

    public SandboxState(int runs, int seed)
    {
        Reset(runs, seed);
    }

    public static User? UserById(int id) => Users.FirstOrDefault(u => u.Id == id);

    public static string Iso(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Hex(Random r)
    {
        Span<byte> b = stackalloc byte[16];
        r.NextBytes(b);
        return Convert.ToHexStringLower(b);
    }

    public static bool IsHexId(string? s)
    {
        if (s is null || s.Length != 32)
        {
            return false;
        }

        foreach (char c in s)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    public string NewId() => Hex(IdRandom);

    public void Reset(int runs, int seed)
    {
        lock (Gate)
        {
            Seed = seed;
            RunCount = runs;
            Orgs.Clear();
            _listCache.Clear();
            Version++;
            AccessTokens.Clear();
            RefreshTokens.Clear();
            IdRandom = new Random(unchecked(seed * 31 + 7));
            var rng = new Random(seed);
            var main = new Organization { Id = MainOrgId, Name = MainOrgName, CreatedAt = new DateTime(2021, 3, 4, 10, 0, 0, DateTimeKind.Utc) };
            var other = new Organization { Id = OtherOrgId, Name = OtherOrgName, CreatedAt = new DateTime(2022, 8, 19, 15, 30, 0, DateTimeKind.Utc) };
            Orgs[main.Id] = main;
            Orgs[other.Id] = other;
            SeedChecklists(main, rng, MainChecklists);
            SeedChecklists(other, rng, OtherChecklists);
            SeedRuns(main, rng, runs, new[] { 1001, 1001, 1002, 1002, 1003 });
            SeedRuns(other, rng, 10, new[] { 2001 });
            SeedOneOffs(main, rng, MainOneOffTitles, new[] { 1001, 1002, 1003 }, 3);
            SeedOneOffs(other, rng, OtherOneOffTitles, new[] { 2001 }, 1);
        }
    }

    private static readonly (string Title, string Type, string[] Tags, string Summary, string[] Steps, string[] Depts)[] MainChecklists =
    {
        ("Quarterly audit", "procedure", new[] { "finance", "q3" }, "Quarterly internal audit of the books.", new[] { "Collect ledgers", "Reconcile accounts", "Review exceptions", "Partner sign-off", "Archive evidence" }, new[] { "Finance", "Treasury", "Payroll" }),
        ("Employee onboarding", "procedure", new[] { "hr", "onboarding" }, "Bring a new hire from offer to productive.", new[] { "Prepare workstation", "Create accounts", "Welcome meeting", "Assign a buddy", "30-day check-in" }, new[] { "Engineering", "Sales", "Support" }),
        ("Vendor onboarding", "procedure", new[] { "finance", "onboarding" }, "Vet and register a new supplier.", new[] { "Collect W-9", "Security questionnaire", "Bank details check", "Approve vendor", "Create in ERP" }, new[] { "Procurement", "IT", "Facilities" }),
        ("Customer escalation", "procedure", new[] { "urgent" }, "Handle an escalated customer ticket.", new[] { "Triage", "Root cause analysis", "Customer update", "Fix verified", "Close out" }, new[] { "Enterprise", "SMB", "Partner" }),
        ("Expense approval", "form", new[] { "finance" }, "Approve an employee expense claim.", new[] { "Submit receipts", "Manager approval", "Finance review", "Reimburse", "Record in ledger" }, new[] { "Travel", "Equipment", "Training" }),
        ("Contract review", "document", new[] { "q3" }, "Legal review of a customer contract.", new[] { "Intake", "Redline", "Negotiate terms", "Legal approval", "Countersign" }, new[] { "Legal", "Sales", "Partnerships" }),
    };

    private static readonly (string Title, string Type, string[] Tags, string Summary, string[] Steps, string[] Depts)[] OtherChecklists =
    {
        ("Field inspection", "procedure", new[] { "field" }, "On-site safety inspection.", new[] { "Schedule visit", "Inspect site", "File report", "Follow-up" }, new[] { "North", "South" }),
        ("Equipment maintenance", "procedure", new[] { "field", "urgent" }, "Preventive equipment maintenance.", new[] { "Order parts", "Service unit", "Test run", "Sign-off" }, new[] { "Depot A", "Depot B" }),
    };

    private static readonly string[] MainOneOffTitles =
    {
        "Renew software licenses", "Book team offsite venue", "Update emergency contacts", "Order replacement laptops",
        "Review insurance policy", "Prepare board deck", "Clean up shared drive", "Schedule fire drill",
        "Collect timesheets", "Update vendor price list", "Plan holiday coverage", "Refresh security training",
    };

    private static readonly string[] OtherOneOffTitles = { "Restock safety gear", "Calibrate gas detectors", "Renew vehicle permits", "Update route maps" };

    private static readonly string[] Requesters = { "Dana Whitfield", "Marco Reyes", "Priya Natarajan", "Liam O'Connor", "Sofia Rossi", "Kenji Watanabe", "Amara Okafor", "Jonas Berg" };

    private static void SeedChecklists(Organization org, Random rng, (string Title, string Type, string[] Tags, string Summary, string[] Steps, string[] Depts)[] defs)
    {
        foreach (var d in defs)
        {
            var c = new Checklist
            {
                Id = Hex(rng),
                Title = d.Title,
                Summary = d.Summary,
                Type = d.Type,
                Steps = d.Steps,
                Tags = d.Tags,
                CreatedAt = org.CreatedAt.AddDays(rng.Next(10, 200)),
            };
            c.KickoffFields.Add(new KickoffField { Id = Hex(rng), Alias = "requested_by", Label = "Requested by", FieldType = "text", Required = true });
            c.KickoffFields.Add(new KickoffField { Id = Hex(rng), Alias = "department", Label = "Department", FieldType = "dropdown", Required = true, Options = d.Depts });
            c.KickoffFields.Add(new KickoffField { Id = Hex(rng), Alias = "budget", Label = "Budget (USD)", FieldType = "number", Required = false });
            org.Checklists.Add(c);
        }
    }

    private void SeedRuns(Organization org, Random rng, int count, int[] owners)
    {
        long spanSeconds = 2L * 365 * 24 * 3600;
        int maxGap = (int)Math.Max(2, Math.Min(int.MaxValue - 1, 2 * spanSeconds / Math.Max(1, count)));
        DateTime t = BaseTime;
        org.Runs.Capacity = count + 16;
        var tagByTitle = AllTags.ToDictionary(x => x.Title);
        for (int i = 0; i < count; i++)
        {
            t = t.AddSeconds(-rng.Next(1, maxGap)).AddMilliseconds(-rng.Next(0, 999));
            var cl = org.Checklists[rng.Next(org.Checklists.Count)];
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
            int total = rng.Next(3, Math.Min(5, cl.Steps.Length) + 1);
            int complete = status == "complete" ? total : rng.Next(0, total);
            string dept = DeptOf(cl, rng);
            DateTime last = t.AddMinutes(rng.Next(5, 14 * 24 * 60));
            if (last > BaseTime)
            {
                last = BaseTime;
            }

            var run = new Run
            {
                Id = Hex(rng),
                Index = i,
                IncrementId = inc,
                Checklist = cl,
                Name = $"{cl.Title} - {dept} #{inc}",
                Summary = rng.Next(3) == 0 ? "" : $"{cl.Summary} Requested for {dept}.",
                Status = status,
                TaskTotal = total,
                TaskComplete = complete,
                StartedBy = rng.Next(4) == 0 ? 1001 : owner,
                OwnerId = owner,
                Starred = rng.NextDouble() < 0.06,
                IsPublic = rng.NextDouble() < 0.1,
                Type = cl.Type,
                CreatedAt = t,
                StartedAt = t,
                LastUpdated = last,
                CompletedAt = status == "complete" ? last : null,
                ArchivedAt = archived ? last.AddHours(1) : null,
                DueDate = t.AddDays(rng.Next(14, 60)),
                LateTasks = status == "delayed" ? rng.Next(1, 3) : 0,
            };
            if (owner != 2001)
            {
                run.Users.Add(owner);
                if (rng.Next(2) == 0)
                {
                    int extra = owners[rng.Next(owners.Length)];
                    if (extra != owner)
                    {
                        run.Users.Add(extra);
                    }
                }
            }
            else
            {
                run.Users.Add(owner);
            }

            run.Prerun = new Dictionary<string, object?>
            {
                ["requested_by"] = Requesters[rng.Next(Requesters.Length)],
                ["department"] = dept,
                ["budget"] = rng.Next(0, 3) == 0 ? null : (object)(rng.Next(5, 500) * 100),
            };
            if (rng.NextDouble() < 0.6)
            {
                foreach (string tg in cl.Tags)
                {
                    if (rng.Next(3) != 0)
                    {
                        run.Tags.Add(tagByTitle[tg]);
                    }
                }
            }

            org.Runs.Add(run);
            org.RunsById[run.Id] = run;
            org.RunsByPrefix[run.Id.Substring(0, 24)] = run;
        }
    }

    private static string DeptOf(Checklist cl, Random rng)
    {
        var dept = cl.KickoffFields[1].Options;
        return dept[rng.Next(dept.Length)];
    }

    private void SeedOneOffs(Organization org, Random rng, string[] titles, int[] owners, int archivedCount)
    {
        DateTime t = BaseTime.AddHours(-3);
        for (int i = 0; i < titles.Length; i++)
        {
            t = t.AddHours(-rng.Next(5, 120)).AddMilliseconds(-rng.Next(0, 999));
            bool completed = rng.Next(5) == 0;
            var task = new TaskItem
            {
                Id = Hex(rng),
                IncrementId = 1_000_000 + org.NextTaskIncrement++,
                Title = titles[i],
                Alias = Slug(titles[i]),
                Description = $"One-off task: {titles[i].ToLowerInvariant()}.",
                Status = completed ? "completed" : (rng.Next(2) == 0 ? "active" : "not-started"),
                TaskType = "task",
                Position = 0,
                Deadline = t.AddDays(rng.Next(1, 20)),
                CreatedAt = t,
                LastUpdated = t.AddHours(rng.Next(1, 48)),
            };
            task.OwnerUsers.Add(owners[rng.Next(owners.Length)]);
            if (completed)
            {
                task.CompletedAt = task.LastUpdated;
                task.CompleterId = task.OwnerUsers[0];
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
                task.Threads.Add(new Comment { Id = Hex(rng), Content = "Started on this, will update by Friday.", Label = "comment", AuthorId = task.OwnerUsers[0], CreatedAt = t.AddHours(1) });
            }

            task.FormFields.Add(new FormField { Id = Hex(rng), Label = "Notes", FieldType = "textarea", Required = false, Value = rng.Next(2) == 0 ? null : "Checked with the team." });
            org.OneOffTasks.Add(task);
            org.TasksById[task.Id] = task;
        }
    }

    public static string Slug(string s)
    {
        var chars = s.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        return new string(chars).Trim('_');
    }

    private static readonly string[] CommentTexts =
    {
        "Waiting on the numbers from the regional team.",
        "Done, see the attached spreadsheet.",
        "Can someone double-check the totals?",
        "Blocked: missing approval from the department head.",
        "Looks good to me.",
        "Pushed the deadline by two days after talking to the owner.",
    };

    /// <summary>Generates a seeded run's tasks on first use (deterministic from seed + run index).</summary>
    public void EnsureTasks(Organization org, Run run)
    {
        if (run.Tasks is not null)
        {
            return;
        }

        var rng = new Random(unchecked((Seed * 1_000_003) + (run.Index * 7919) + (org.Id == MainOrgId ? 17 : 23)));
        var tasks = new List<TaskItem>(run.TaskTotal);
        int[] users = run.Users.Count > 0 ? run.Users.ToArray() : new[] { run.OwnerId };
        bool current = false;
        for (int p = 1; p <= run.TaskTotal; p++)
        {
            string title = run.Checklist.Steps[p - 1];
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
                IncrementId = run.IncrementId * 10 + p,
                Title = title,
                Alias = Slug(title),
                Run = run,
                StepId = StepId(run.Checklist, p),
                Status = status,
                TaskType = title.Contains("approv", StringComparison.OrdinalIgnoreCase) || title.Contains("sign", StringComparison.OrdinalIgnoreCase) ? "approval" : "task",
                Position = p,
                Deadline = created.AddDays(p * 3).AddHours(rng.Next(0, 8)),
                CreatedAt = created,
                LastUpdated = run.LastUpdated,
            };
            task.OwnerUsers.Add(users[rng.Next(users.Length)]);
            if (status != "not-started")
            {
                task.StartedAt = created.AddHours(p);
            }

            if (status == "completed")
            {
                task.CompletedAt = created.AddDays(p).AddHours(rng.Next(1, 8));
                task.CompleterId = task.OwnerUsers[0];
            }

            int comments = rng.Next(0, 3);
            if (run.Status == "problem" && status != "completed" && status != "not-started")
            {
                task.Threads.Add(new Comment { Id = Hex(rng), Content = "Reported a problem: blocked on missing information.", Label = "problem", AuthorId = task.OwnerUsers[0], CreatedAt = created.AddHours(p + 2) });
            }

            for (int k = 0; k < comments; k++)
            {
                task.Threads.Add(new Comment { Id = Hex(rng), Content = CommentTexts[rng.Next(CommentTexts.Length)], Label = "comment", AuthorId = users[rng.Next(users.Length)], CreatedAt = created.AddHours(p + k + 3) });
            }

            bool answered = status == "completed";
            task.FormFields.Add(new FormField { Id = Hex(rng), Label = "Notes", FieldType = "textarea", Required = false, Value = answered ? CommentTexts[rng.Next(CommentTexts.Length)] : null });
            if (rng.Next(2) == 0)
            {
                task.FormFields.Add(new FormField { Id = Hex(rng), Label = "Approved?", FieldType = "dropdown", Required = true, Options = new[] { "Yes", "No" }, Value = answered ? (rng.Next(4) == 0 ? "No" : "Yes") : null });
            }
            else
            {
                task.FormFields.Add(new FormField { Id = Hex(rng), Label = "Amount", FieldType = "number", Required = false, Value = answered ? rng.Next(10, 5000) : null });
            }

            tasks.Add(task);
            org.TasksById[task.Id] = task;
        }

        run.Tasks = tasks;
    }

    /// <summary>Task ids of seeded runs: run id prefix (24 hex) + position and random bits (8 hex).</summary>
    public static string TaskIdFor(Run run, int position, Random rng) =>
        run.Id.Substring(0, 24) + ((position << 28) | rng.Next(1 << 28)).ToString("x8", CultureInfo.InvariantCulture);

    public static string StepId(Checklist cl, int position)
    {
        // Stable per checklist step.
        return cl.Id.Substring(0, 24) + position.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>Materializes every run's tasks (needed for org-wide task lists and lookups of unknown ids).</summary>
    public void EnsureAllTasks(Organization org)
    {
        if (org.AllMaterialized)
        {
            return;
        }

        foreach (var run in org.Runs)
        {
            EnsureTasks(org, run);
        }

        org.AllMaterialized = true;
    }

    public TaskItem? FindTask(Organization org, string id)
    {
        if (!IsHexId(id))
        {
            return null;
        }

        if (org.TasksById.TryGetValue(id, out var t))
        {
            return t;
        }

        // A seeded run's task ids start with the first 24 hex digits of the run id: materialize just that run.
        if (org.RunsByPrefix.TryGetValue(id.Substring(0, 24), out var run) && run.Tasks is null)
        {
            EnsureTasks(org, run);
            return org.TasksById.TryGetValue(id, out t) ? t : null;
        }

        return null;
    }

    /// <summary>Inserts a run keeping the default order (created_at desc, id asc).</summary>
    public static void InsertRun(Organization org, Run run)
    {
        int lo = 0, hi = org.Runs.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (CompareDefault(org.Runs[mid], run) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        org.Runs.Insert(lo, run);
        org.RunsById[run.Id] = run;
        org.RunsByPrefix[run.Id.Substring(0, 24)] = run;
    }

    public void AddRun(Organization org, Run run)
    {
        InsertRun(org, run);
        Version++;
    }

    public static int CompareDefault(Run a, Run b)
    {
        int c = b.CreatedAt.CompareTo(a.CreatedAt);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }

    public void RemoveRun(Organization org, Run run)
    {
        Version++;
        org.Runs.Remove(run);
        org.RunsById.Remove(run.Id);
        org.RunsByPrefix.Remove(run.Id.Substring(0, 24));
        if (run.Tasks is not null)
        {
            foreach (var t in run.Tasks)
            {
                org.TasksById.Remove(t.Id);
                t.Threads.Clear();
                t.FormFields.Clear();
            }
        }
        else
        {
            // Never materialized: materialize to learn the ids, then drop them.
            EnsureTasks(org, run);
            RemoveRunTasks(org, run);
        }

        run.Tasks = new List<TaskItem>();
    }

    private static void RemoveRunTasks(Organization org, Run run)
    {
        foreach (var t in run.Tasks!)
        {
            org.TasksById.Remove(t.Id);
        }
    }
}

public sealed class IssuedToken
{
    public required int UserId { get; init; }
    public required DateTime ExpiresAt { get; init; }
}
