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

    /// <summary>Every member of both organizations: this state's own copies (seeded the same for every seed, restored by a reset).</summary>
    public IEnumerable<User> Users => Orgs.Values.SelectMany(o => o.Members);

    public object Gate { get; } = new object();
    public int Seed => Settings.Seed;
    public int RunCount => Settings.Runs;

    /// <summary>What the current data was seeded with.</summary>
    public SeedSettings Settings { get; private set; } = new SeedSettings(0, 1);
    public Dictionary<string, Organization> Orgs { get; } = new Dictionary<string, Organization>(StringComparer.Ordinal);

    /// <summary>Issued OAuth access tokens.</summary>
    public Dictionary<string, IssuedToken> AccessTokens { get; } = new Dictionary<string, IssuedToken>(StringComparer.Ordinal);

    /// <summary>Users whose personal access token was revoked (as when they log out of Tallyfy); cleared by a reset.</summary>
    public HashSet<int> RevokedPersonalTokens { get; } = new HashSet<int>();

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

    private long _lastActivityId;
    private long _lastThreadId;

    public SandboxState(SeedSettings settings)
    {
        Reset(settings);
    }

    public User? UserById(int id) => Users.FirstOrDefault(u => u.Id == id);

    /// <summary>The id of a new member: one past every member's.</summary>
    public int NextUserId() => Users.Max(u => u.Id) + 1;

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

    /// <summary>The id of the next activity entry.</summary>
    public long NextActivityId() => ++_lastActivityId;

    /// <summary>The id of the next comment posted through the API (seeded comments have lower ids).</summary>
    public long NextThreadId() => ++_lastThreadId;

    public void Reset(SeedSettings settings)
    {
        lock (Gate)
        {
            Settings = settings;
            int seed = settings.Seed;
            _lastActivityId = 0;
            _lastThreadId = 900_000_000;
            Orgs.Clear();
            _listCache.Clear();
            Version++;
            AccessTokens.Clear();
            RefreshTokens.Clear();
            RevokedPersonalTokens.Clear();
            IdRandom = new Random(unchecked(seed * 31 + 7));
            var rng = new Random(seed);
            var main = new Organization { Id = MainOrgId, Name = MainOrgName, CreatedAt = new DateTime(2021, 3, 4, 10, 0, 0, DateTimeKind.Utc) };
            var other = new Organization { Id = OtherOrgId, Name = OtherOrgName, CreatedAt = new DateTime(2022, 8, 19, 15, 30, 0, DateTimeKind.Utc) };
            Orgs[main.Id] = main;
            Orgs[other.Id] = other;
            foreach (var org in new[] { main, other })
            {
                org.Members.AddRange(SeedCatalog.Members.Concat(SeedCatalog.Bots).Where(u => u.OrganizationId == org.Id).Select(u => u.Copy()));
                org.DefaultAdminId = SeedCatalog.DefaultAdmin(org.Id);
            }

            SeedData.Seed(this, main, other, rng, settings);
        }
    }

    public static string Slug(string s)
    {
        var chars = s.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        return new string(chars).Trim('_');
    }

    /// <summary>Generates a seeded run's tasks on first use (deterministic from seed + run index).</summary>
    public void EnsureTasks(Organization org, Run run)
    {
        if (run.Tasks is null)
        {
            SeededRunDetails.MaterializeTasks(this, org, run);
        }
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

    /// <summary>Deletes a run for good: its tasks, comments, form-field values and tags go; its activity stays, for admins only.</summary>
    public void RemoveRun(Organization org, Run run)
    {
        Version++;
        org.Runs.Remove(run);
        org.RunsById.Remove(run.Id);
        org.RunsByPrefix.Remove(run.Id.Substring(0, 24));
        EnsureTasks(org, run);
        foreach (var t in run.Tasks!)
        {
            org.TasksById.Remove(t.Id);
            t.Threads.Clear();
            t.FormFields.Clear();
        }

        foreach (var link in run.Tags)
        {
            org.TagLinks.Remove(link.Id);
        }

        run.Tags.Clear();
        foreach (var e in org.Activity)
        {
            if (e.RunId == run.Id)
            {
                e.SubjectDeleted = true;
            }
        }

        run.Tasks = new List<TaskItem>();
    }
}
