namespace TallyfyPS.Cmdlets
{
    /// <summary>The ErrorIds of templates, launching runs and working on tasks.</summary>
    public static partial class ErrorIds
    {
        // Form-field values, refused before anything is sent
        public const string FieldNotFound = "FieldNotFound";
        public const string InvalidFieldValue = "InvalidFieldValue";
        public const string RequiredFieldMissing = "RequiredFieldMissing";

        // Launching
        public const string TemplateRequired = "TemplateRequired";
        public const string TemplateArchived = "TemplateArchived";
        public const string RunNameRepeated = "RunNameRepeated";

        // Working on tasks
        public const string ApprovalRequired = "ApprovalRequired";
        public const string NotAnApproval = "NotAnApproval";
        public const string TaskRepeated = "TaskRepeated";
        public const string TaskIsCompleted = "TaskIsCompleted";
        public const string NothingToChange = "NothingToChange";
        public const string ConflictingParameters = "ConflictingParameters";
        public const string OutcomeUnknown = "OutcomeUnknown";

        // Comments
        public const string InvalidCommentId = "InvalidCommentId";
        public const string CommentNotFound = "CommentNotFound";

        // Journals
        /// <summary>
        /// Retired (0.3.0): no cmdlet writes it. Set-TallyfyRun, Set-TallyfyTask and Add-TallyfyComment no longer declare
        /// -Journal, so PowerShell refuses it when binding parameters (NamedParameterNotFound). Kept so the id stays reserved.
        /// </summary>
        public const string JournalNotSupported = "JournalNotSupported";
    }
}
