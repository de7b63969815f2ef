namespace TallyfyPS.Model
{
    /// <summary>One template step's result of Set-TallyfyTemplateStep: who is assigned to it after the call.</summary>
    public sealed class TallyfyStepUpdateResult : TallyfyOperationResult
    {
        public string TemplateId { get; set; } = string.Empty;
        public string StepId { get; set; } = string.Empty;
        public string? Title { get; set; }
        public TallyfyStepUpdateStatus Status { get; set; }
        /// <summary>Who is assigned to the step after the call (as the service answered, or as read where nothing was sent); null when unknown.</summary>
        public TallyfyTaskOwners? Assignees { get; internal set; }
        /// <summary>The step as the service answered the change; null unless Updated.</summary>
        public TallyfyStep? Step { get; internal set; }

        public override bool Succeeded => Status == TallyfyStepUpdateStatus.Updated || Status == TallyfyStepUpdateStatus.AlreadyAssigned || Status == TallyfyStepUpdateStatus.NotAssigned;

        public override string ToString() => $"{StepId} {Status}";
    }
}
