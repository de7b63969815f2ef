using System;
using System.Collections;

namespace TallyfyPS.Model
{
    /// <summary>A Tallyfy process ("run" in the API): one launched instance of a blueprint.</summary>
    public sealed class TallyfyRun
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        /// <summary>active, problem, delayed, complete (and issue, improvement).</summary>
        public string? Status { get; set; }
        public TallyfyProgress? Progress { get; set; }
        public string? BlueprintId { get; set; }
        public string? BlueprintName { get; set; }
        public long? OwnerId { get; set; }
        public long? StartedBy { get; set; }
        public string? Summary { get; set; }
        public string? Type { get; set; }
        public long? IncrementId { get; set; }
        public bool IsStarred { get; set; }
        public bool IsPublic { get; set; }
        public string? ParentId { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? LastUpdated { get; set; }
        public DateTimeOffset? CompletedAt { get; set; }
        public DateTimeOffset? DueDate { get; set; }
        public bool IsDueDatePassed { get; set; }
        public int? LateTasks { get; set; }
        /// <summary>When the run was archived; null while it is live. The reliable archive marker.</summary>
        public DateTimeOffset? ArchivedAt { get; set; }
        public bool IsArchived => ArchivedAt.HasValue;
        public string OrganizationId { get; set; } = string.Empty;
        /// <summary>Kick-off form answers, by field name.</summary>
        public Hashtable? KickoffValues { get; set; }
        public TallyfyBlueprint? Blueprint { get; set; }
        public TallyfyTag[] Tags { get; set; } = Array.Empty<TallyfyTag>();
        public TallyfyTask[] Tasks { get; set; } = Array.Empty<TallyfyTask>();
        public TallyfyFormFieldValue[] FormFields { get; set; } = Array.Empty<TallyfyFormFieldValue>();
        public TallyfyFormFieldValue[] KickoffFields { get; set; } = Array.Empty<TallyfyFormFieldValue>();
        /// <summary>Comments on the run's tasks (with -Include Comments).</summary>
        public TallyfyComment[] Comments { get; set; } = Array.Empty<TallyfyComment>();

        public override string ToString() => Id;
    }

    /// <summary>A task: a step of a run, or a one-off (standalone) task.</summary>
    public sealed class TallyfyTask
    {
        public string Id { get; set; } = string.Empty;
        public string Title { get; set; } = string.Empty;
        /// <summary>not-started, active, in-progress, completed, auto-skipped.</summary>
        public string? Status { get; set; }
        public string? StatusLabel { get; set; }
        /// <summary>task, approval, expiring, email, expiring_email.</summary>
        public string? TaskType { get; set; }
        /// <summary>The run this task belongs to; null for a one-off task.</summary>
        public string? RunId { get; set; }
        public bool IsOneOff { get; set; }
        public string? Alias { get; set; }
        public string? Description { get; set; }
        public string? BlueprintId { get; set; }
        public string? StepId { get; set; }
        public int? Position { get; set; }
        public long? IncrementId { get; set; }
        public TallyfyTaskOwners Owners { get; set; } = new TallyfyTaskOwners();
        public DateTimeOffset? Deadline { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? LastUpdated { get; set; }
        public DateTimeOffset? CompletedAt { get; set; }
        public long? CompleterId { get; set; }
        public DateTimeOffset? ArchivedAt { get; set; }
        public bool IsArchived => ArchivedAt.HasValue;
        public string OrganizationId { get; set; } = string.Empty;
        public TallyfyComment[] Comments { get; set; } = Array.Empty<TallyfyComment>();
        public TallyfyFormFieldValue[] FormFields { get; set; } = Array.Empty<TallyfyFormFieldValue>();
        public TallyfyTag[] Tags { get; set; } = Array.Empty<TallyfyTag>();
        /// <summary>The run, with -Include Run.</summary>
        public TallyfyRun? Run { get; set; }

        public override string ToString() => Id;
    }

    /// <summary>Who a task is assigned to.</summary>
    public sealed class TallyfyTaskOwners
    {
        public long[] Users { get; set; } = Array.Empty<long>();
        public string[] Guests { get; set; } = Array.Empty<string>();
        public string[] Groups { get; set; } = Array.Empty<string>();

        public override string ToString()
        {
            var parts = new System.Collections.Generic.List<string>();
            foreach (long u in Users) parts.Add(u.ToString(System.Globalization.CultureInfo.InvariantCulture));
            parts.AddRange(Guests);
            foreach (string g in Groups) parts.Add("group:" + g);
            return string.Join(", ", parts);
        }
    }

    /// <summary>How far a run has got.</summary>
    public sealed class TallyfyProgress
    {
        public int? Complete { get; set; }
        public int? Total { get; set; }
        public int Percent { get; set; }

        public override string ToString() =>
            Total.HasValue ? $"{Complete}/{Total} ({Percent}%)" : Percent + "%";
    }

    /// <summary>A comment ("thread" in the API) on a task.</summary>
    public sealed class TallyfyComment
    {
        public string Id { get; set; } = string.Empty;
        public string? Content { get; set; }
        public string? Label { get; set; }
        public long? AuthorId { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public string? TaskId { get; set; }

        public override string ToString() => Content ?? string.Empty;
    }

    /// <summary>A form field (a "capture" or kick-off "prerun" field) and its answer.</summary>
    public sealed class TallyfyFormFieldValue
    {
        public string Id { get; set; } = string.Empty;
        public string? Label { get; set; }
        public string? FieldType { get; set; }
        public bool IsRequired { get; set; }
        /// <summary>The answer, read from field_value (or value, which some API pages use).</summary>
        public object? Value { get; set; }
        public object? Options { get; set; }
        public string? TaskId { get; set; }

        public override string ToString() => $"{Label}: {Value}";
    }

    public sealed class TallyfyTag
    {
        public string Id { get; set; } = string.Empty;
        public string Title { get; set; } = string.Empty;
        public string? Color { get; set; }

        public override string ToString() => Title;
    }

    /// <summary>A blueprint ("checklist" in the API).</summary>
    public sealed class TallyfyBlueprint
    {
        public string Id { get; set; } = string.Empty;
        public string? Title { get; set; }

        public override string ToString() => Title ?? Id;
    }

    public sealed class TallyfyUser
    {
        public long Id { get; set; }
        public string? Email { get; set; }
        public string? Username { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Timezone { get; set; }

        public override string ToString() => Email ?? Username ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed class TallyfyOrganization
    {
        public string Id { get; set; } = string.Empty;
        public string? Name { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }

        public override string ToString() => Name ?? Id;
    }
}
