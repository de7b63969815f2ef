namespace TallyfyPS.Cmdlets
{
    public static partial class ErrorIds
    {
        // Retention filters (Get-TallyfyRun -OlderThan, -CompletedBefore, ...)
        public const string InvalidAge = "InvalidAge";
    }
}
