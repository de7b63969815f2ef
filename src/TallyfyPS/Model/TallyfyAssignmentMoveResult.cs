namespace TallyfyPS.Model
{
    /// <summary>The result of moving one assignment (Move-TallyfyAssignment): one per input row, in input order.</summary>
    public sealed class TallyfyAssignmentMoveResult : TallyfyOperationResult
    {
        public TallyfyAssignmentKind Kind { get; set; }

        /// <summary>The record's id: the task's, the run's, the template step's or the group's.</summary>
        public string Id { get; set; } = string.Empty;

        public string? Name { get; set; }

        public string? RunId { get; set; }

        public string? TemplateId { get; set; }

        /// <summary>Who was assigned (email).</summary>
        public string? From { get; set; }

        /// <summary>Who is assigned now (email), or who was asked for.</summary>
        public string? To { get; set; }

        public TallyfyAssignmentMoveStatus Status { get; set; }

        public override bool Succeeded => Status == TallyfyAssignmentMoveStatus.Moved || Status == TallyfyAssignmentMoveStatus.AlreadyMoved;

        /// <summary>A refusal stays a refusal on a rerun unless the plan changes; it is still sent again (the plan may be fixed).</summary>
        internal override bool Settled => Succeeded;
    }
}
