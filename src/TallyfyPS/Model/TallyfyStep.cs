namespace TallyfyPS.Model
{
    /// <summary>A step of a template: each launched run gets one task per step.</summary>
    public sealed class TallyfyStep
    {
        /// <summary>The step's timeline id.</summary>
        public string Id { get; set; } = string.Empty;
        public int? Position { get; set; }
        public string Title { get; set; } = string.Empty;
        /// <summary>task, approval, expiring, email, expiring_email.</summary>
        public string? StepType { get; set; }
        public string? Alias { get; set; }
        public string? Summary { get; set; }
        /// <summary>The form fields its tasks ask for.</summary>
        public TallyfyList<TallyfyFieldDefinition> FormFields { get; set; } = TallyfyList<TallyfyFieldDefinition>.Empty;
        public string? TemplateId { get; set; }
        /// <summary>
        /// Who each task launched from the step is assigned to: members (by id, with their emails where the members could
        /// be read), guests (emails) and groups (by id, with their names). Set-TallyfyTemplateStep changes them.
        /// </summary>
        public TallyfyTaskOwners Assignees { get; set; } = new TallyfyTaskOwners();
        public string OrganizationId { get; set; } = string.Empty;

        public override string ToString() => Title;
    }
}
