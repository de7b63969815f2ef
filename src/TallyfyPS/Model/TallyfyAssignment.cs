namespace TallyfyPS.Model
{
    /// <summary>
    /// One thing a person is assigned to that still matters (Get-TallyfyAssignment): a plan row. Export it with
    /// Export-Csv, fill in To (an email or member id) per row, and read it back into Move-TallyfyAssignment, which reads
    /// the rows by property name (Kind, Id, RunId, TemplateId, From, To).
    /// </summary>
    public sealed class TallyfyAssignment
    {
        /// <summary>What the person is assigned to.</summary>
        public TallyfyAssignmentKind Kind { get; set; }

        /// <summary>The record's id: the task's, the run's, the template step's or the group's.</summary>
        public string Id { get; set; } = string.Empty;

        /// <summary>The record's name: the task's title, the run's name, the step's title, the group's name.</summary>
        public string? Name { get; set; }

        /// <summary>The run the record belongs to (a task of a run) or is (a run).</summary>
        public string? RunId { get; set; }

        public string? RunName { get; set; }

        /// <summary>The template of the run or step.</summary>
        public string? TemplateId { get; set; }

        public string? TemplateName { get; set; }

        /// <summary>The person assigned now: their email.</summary>
        public string From { get; set; } = string.Empty;

        /// <summary>The person's member id.</summary>
        public long FromId { get; set; }

        /// <summary>Who takes it over (an email or member id): empty in a listing, the column a plan fills in.</summary>
        public string? To { get; set; }

        public string OrganizationId { get; set; } = string.Empty;

        public override string ToString() => $"{Kind} {Name ?? Id}";
    }
}
