namespace TallyfyPS.Cmdlets
{
    public static partial class ErrorIds
    {
        // Waiting (Wait-TallyfyTask, Wait-TallyfyRun)
        public const string WaitTimedOut = "WaitTimedOut";
        public const string InvalidDuration = "InvalidDuration";
        public const string ApprovalRejected = "ApprovalRejected";
    }
}
