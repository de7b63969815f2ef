namespace TallyfyPS.Model
{
    /// <summary>What a person is assigned to, as Get-TallyfyAssignment lists it (and Move-TallyfyAssignment moves it).</summary>
    public enum TallyfyAssignmentKind
    {
        /// <summary>An owner of an open task of a run (not completed, the run not archived).</summary>
        RunTask,

        /// <summary>An owner of an open one-off task.</summary>
        OneOffTask,

        /// <summary>The owner of a run (its owner_id).</summary>
        RunOwner,

        /// <summary>A member assigned to a run (its users).</summary>
        RunMember,

        /// <summary>An assignee of a template step: every launch of the template puts them on that step's task.</summary>
        TemplateStep,

        /// <summary>A member of a group.</summary>
        GroupMember,
    }
}
