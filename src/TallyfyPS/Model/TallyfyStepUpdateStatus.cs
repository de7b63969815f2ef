namespace TallyfyPS.Model
{
    /// <summary>What came of one template step of Set-TallyfyTemplateStep.</summary>
    public enum TallyfyStepUpdateStatus
    {
        /// <summary>The assignees were changed.</summary>
        Updated,
        /// <summary>Everyone to add was assigned already (and no one to remove was): nothing was sent.</summary>
        AlreadyAssigned,
        /// <summary>No one to remove was assigned (and there was no one to add): nothing was sent.</summary>
        NotAssigned,
        /// <summary>Refused before anything was sent (its error was written).</summary>
        Refused,
        /// <summary>The template or step was not found.</summary>
        NotFound,
        /// <summary>The service refused the change (403: light members cannot edit templates).</summary>
        Forbidden,
        /// <summary>The change was sent and failed (its error was written).</summary>
        Failed,
        /// <summary>Declined at the confirmation prompt: nothing was sent.</summary>
        Skipped,
        /// <summary>Not sent: the service had stopped answering before this step's turn.</summary>
        NotAttempted,
        /// <summary>The change was sent and no answer settled whether it was applied: read the step to check.</summary>
        Unknown,
    }
}
