namespace TallyfyPS.Cmdlets
{
    /// <summary>The ErrorIds of the handover: listing and moving a member's assignments, removing a member.</summary>
    public static partial class ErrorIds
    {
        /// <summary>A plan row that does not say what to move (its Kind, Id or From is missing or wrong).</summary>
        public const string InvalidAssignment = "InvalidAssignment";

        /// <summary>The person to move to is nobody's email or id, is disabled, or is the person moved from.</summary>
        public const string InvalidHandoverTarget = "InvalidHandoverTarget";

        /// <summary>An assignment that cannot be moved as it is now (a completed task, changed since it was listed).</summary>
        public const string AssignmentNotMovable = "AssignmentNotMovable";

        /// <summary>A member who still has open assignments, removed without -ReassignTo or -Force.</summary>
        public const string OpenAssignments = "OpenAssignments";

        /// <summary>The organization's default admin, or a bot: Tallyfy refuses to remove them.</summary>
        public const string UserNotRemovable = "UserNotRemovable";

    }
}
