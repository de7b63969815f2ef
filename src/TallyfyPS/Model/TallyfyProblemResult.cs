namespace TallyfyPS.Model
{
    /// <summary>One problem's result of Resolve-TallyfyProblem: the problem thread, its task or run, and what came of it.</summary>
    public sealed class TallyfyProblemResult : TallyfyOperationResult
    {
        /// <summary>The problem's thread id; empty for NothingToResolve.</summary>
        public string ThreadId { get; set; } = string.Empty;
        /// <summary>The problem's task; null for a problem on the run itself (process level).</summary>
        public string? TaskId { get; set; }
        /// <summary>The run of the task, or the run the problem is on.</summary>
        public string? RunId { get; set; }
        /// <summary>The problem's text, where known.</summary>
        public string? Problem { get; set; }
        public TallyfyProblemStatus Status { get; set; }
        /// <summary>The id of the thread that resolved it (Resolved, AlreadyResolved where known).</summary>
        public string? ResolutionId { get; set; }
        /// <summary>The resolution as the service made it; null unless Resolved.</summary>
        public TallyfyComment? Resolution { get; internal set; }

        public override bool Succeeded => Status == TallyfyProblemStatus.Resolved || Status == TallyfyProblemStatus.AlreadyResolved || Status == TallyfyProblemStatus.NothingToResolve;

        public override string ToString() => ThreadId.Length > 0 ? $"{ThreadId} {Status}" : $"{TaskId ?? RunId} {Status}";
    }
}
