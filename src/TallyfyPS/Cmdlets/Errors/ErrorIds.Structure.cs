namespace TallyfyPS.Cmdlets
{
    public static partial class ErrorIds
    {
        // Template steps, folders, tags and comments changed (issue 24)
        public const string StepNotFound = "StepNotFound";
        public const string InvalidStepId = "InvalidStepId";
        public const string FolderNameTaken = "FolderNameTaken";
        public const string TagTitleTaken = "TagTitleTaken";

        /// <summary>Set-TallyfyComment -Label on an open problem: relabelling would hide it and resolve nothing.</summary>
        public const string ProblemLabel = "ProblemLabel";
    }
}
