namespace TallyfyPS.Model
{
    /// <summary>
    /// A template ("checklist" in the API; the app says "blueprint"): what a run is launched from. Its kick-off
    /// fields are always read with it; its steps and tags with -Include.
    /// </summary>
    public sealed class TallyfyTemplate
    {
        public string Id { get; set; } = string.Empty;
        public string Title { get; set; } = string.Empty;
        public string? Summary { get; set; }
        /// <summary>procedure, form, document.</summary>
        public string? Type { get; set; }
        /// <summary>active, draft.</summary>
        public string? Status { get; set; }
        public bool IsStarred { get; set; }
        public bool IsPinned { get; set; }
        public long? OwnerId { get; set; }
        public long? CreatedBy { get; set; }
        public int? StepsCount { get; set; }
        public string? FolderId { get; set; }
        public TallyfyTimestamp? CreatedAt { get; set; }
        public TallyfyTimestamp? LastUpdated { get; set; }
        /// <summary>When the template was archived; null while it is live (an archived template cannot launch runs).</summary>
        public TallyfyTimestamp? ArchivedAt { get; set; }
        public bool IsArchived => ArchivedAt != null;
        /// <summary>The fields a launch fills in (the API's prerun), in their order.</summary>
        public TallyfyList<TallyfyFieldDefinition> KickoffFields { get; set; } = TallyfyList<TallyfyFieldDefinition>.Empty;
        /// <summary>The steps (each becomes a task of a run), with -Include Steps.</summary>
        public TallyfyList<TallyfyStep> Steps { get; set; } = TallyfyList<TallyfyStep>.Empty;
        /// <summary>With -Include Tags.</summary>
        public TallyfyList<TallyfyTag> Tags { get; set; } = TallyfyList<TallyfyTag>.Empty;
        public string OrganizationId { get; set; } = string.Empty;
        /// <summary>Tallyfy's custom fields (key -> value, in Tallyfy's order); empty when it has none. Kept in backups, never dropped by updates.</summary>
        public TallyfyCustomFields CustomFields { get; set; } = TallyfyCustomFields.Empty;

        /// <summary>The id: a template passed where an id is expected (-TemplateId $template) names itself.</summary>
        public override string ToString() => Id;
    }
}
