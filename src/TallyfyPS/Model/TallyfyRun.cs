using System.Management.Automation;

namespace TallyfyPS.Model
{
    /// <summary>A Tallyfy process ("run" in the API): one launched instance of a template (the app's blueprint).</summary>
    public sealed class TallyfyRun
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        /// <summary>active, problem, delayed, complete, issue (an open issue locks the run), improvement.</summary>
        public string? Status { get; set; }
        public TallyfyProgress? Progress { get; set; }
        /// <summary>The template the run was launched from (the API's checklist_id).</summary>
        public string? TemplateId { get; set; }
        public string? TemplateName { get; set; }

        /// <summary>The 0.2.0 name of <see cref="TemplateId"/>, kept for scripts; hidden from tables, lists and CSV.</summary>
        [Hidden]
        public string? BlueprintId { get => TemplateId; set => TemplateId = value; }

        /// <summary>The 0.2.0 name of <see cref="TemplateName"/>, kept for scripts; hidden from tables, lists and CSV.</summary>
        [Hidden]
        public string? BlueprintName { get => TemplateName; set => TemplateName = value; }
        public long? OwnerId { get; set; }
        public long? StartedBy { get; set; }
        public string? Summary { get; set; }
        public string? Type { get; set; }
        public long? IncrementId { get; set; }
        public bool IsStarred { get; set; }
        public bool IsPublic { get; set; }

        /// <summary>
        /// True while an issue of the run (or a problem on one of its tasks) is open: Tallyfy then refuses every change to
        /// its tasks until it is resolved (Resolve-TallyfyProblem).
        /// </summary>
        public bool HasOpenIssue { get; set; }
        public string? ParentId { get; set; }
        public TallyfyTimestamp? CreatedAt { get; set; }
        public TallyfyTimestamp? StartedAt { get; set; }
        public TallyfyTimestamp? LastUpdated { get; set; }
        public TallyfyTimestamp? CompletedAt { get; set; }
        public TallyfyTimestamp? DueDate { get; set; }
        public bool IsDueDatePassed { get; set; }
        public int? LateTasks { get; set; }
        /// <summary>When the run was archived; null while it is live. The reliable archive marker.</summary>
        public TallyfyTimestamp? ArchivedAt { get; set; }
        public bool IsArchived => ArchivedAt != null;
        public string OrganizationId { get; set; } = string.Empty;
        /// <summary>Kick-off form answers, by field name.</summary>
        public TallyfyFieldValues? KickoffValues { get; set; }
        /// <summary>Tallyfy's custom fields (key -> value, in Tallyfy's order); empty when it has none. Kept in backups, never dropped by updates.</summary>
        public TallyfyCustomFields CustomFields { get; set; } = TallyfyCustomFields.Empty;
        /// <summary>The run's template, with -Include Template: pipes into Start-TallyfyRun.</summary>
        public TallyfyTemplate? Template { get; set; }

        /// <summary>The 0.2.0 name of <see cref="Template"/>, kept for scripts; hidden from tables, lists and CSV.</summary>
        [Hidden]
        public TallyfyTemplate? Blueprint { get => Template; set => Template = value; }
        public TallyfyList<TallyfyTag> Tags { get; set; } = TallyfyList<TallyfyTag>.Empty;
        /// <summary>True when the run was read with its tags (-Include Tags), so <see cref="Tags"/> is the whole truth.</summary>
        internal bool TagsKnown { get; set; }
        /// <summary>The run's folders (with -Include Folders).</summary>
        public TallyfyList<TallyfyFolder> Folders { get; set; } = TallyfyList<TallyfyFolder>.Empty;
        /// <summary>True when the run was read with its folders (-Include Folders), so <see cref="Folders"/> is the whole truth.</summary>
        internal bool FoldersKnown { get; set; }
        public TallyfyList<TallyfyTask> Tasks { get; set; } = TallyfyList<TallyfyTask>.Empty;
        /// <summary>The form fields of the run's tasks, each with its task's id and title.</summary>
        public TallyfyList<TallyfyFormFieldValue> FormFields { get; set; } = TallyfyList<TallyfyFormFieldValue>.Empty;
        public TallyfyList<TallyfyFormFieldValue> KickoffFields { get; set; } = TallyfyList<TallyfyFormFieldValue>.Empty;
        /// <summary>Comments on the run's tasks (with -Include Comments).</summary>
        public TallyfyList<TallyfyComment> Comments { get; set; } = TallyfyList<TallyfyComment>.Empty;

        /// <summary>The id: a run passed where an id is expected (-Id $run) names itself.</summary>
        public override string ToString() => Id;
    }
}
