namespace TallyfyPS.Cmdlets
{
    /// <summary>The ErrorIds of problems and open issues.</summary>
    public static partial class ErrorIds
    {
        /// <summary>A change to a task of a run whose issue is open: Tallyfy refuses it until the issue is resolved.</summary>
        public const string RunHasOpenIssue = "RunHasOpenIssue";

        /// <summary>Resolve-TallyfyProblem -ThreadId: the thread is no problem of that task or run.</summary>
        public const string ProblemNotFound = "ProblemNotFound";

        /// <summary>Resolve-TallyfyProblem was given a comment that is not a problem.</summary>
        public const string NotAProblem = "NotAProblem";
    }
}
