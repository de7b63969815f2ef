using System.Management.Automation;

namespace TallyfyPS.Model
{
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
        /// <summary>The template of the task's run (the API's checklist_id).</summary>
        public string? TemplateId { get; set; }

        /// <summary>The 0.2.0 name of <see cref="TemplateId"/>, kept for scripts; hidden from tables, lists and CSV.</summary>
        [Hidden]
        public string? BlueprintId { get => TemplateId; set => TemplateId = value; }
        public string? StepId { get; set; }
        public int? Position { get; set; }
        public long? IncrementId { get; set; }
        public TallyfyTaskOwners Owners { get; set; } = new TallyfyTaskOwners();
        public TallyfyTimestamp? Deadline { get; set; }
        public TallyfyTimestamp? StartedAt { get; set; }
        public TallyfyTimestamp? CreatedAt { get; set; }
        public TallyfyTimestamp? LastUpdated { get; set; }
        public TallyfyTimestamp? CompletedAt { get; set; }
        public long? CompleterId { get; set; }
        public TallyfyTimestamp? ArchivedAt { get; set; }
        public bool IsArchived => ArchivedAt != null;
        public string OrganizationId { get; set; } = string.Empty;
        /// <summary>Tallyfy's custom fields (key -> value, in Tallyfy's order); empty when it has none. Kept in backups, never dropped by updates.</summary>
        public TallyfyCustomFields CustomFields { get; set; } = TallyfyCustomFields.Empty;
        public TallyfyList<TallyfyComment> Comments { get; set; } = TallyfyList<TallyfyComment>.Empty;
        public TallyfyList<TallyfyFormFieldValue> FormFields { get; set; } = TallyfyList<TallyfyFormFieldValue>.Empty;
        public TallyfyList<TallyfyTag> Tags { get; set; } = TallyfyList<TallyfyTag>.Empty;
        /// <summary>The run, with -Include Run.</summary>
        public TallyfyRun? Run { get; set; }

        /// <summary>When the service's answer this object was made from arrived (UTC); default when it was not read.</summary>
        internal System.DateTime ReadAtUtc { get; set; }

        /// <summary>The id: a task passed where an id is expected (-Id $task) names itself.</summary>
        public override string ToString() => Id;
    }
}
