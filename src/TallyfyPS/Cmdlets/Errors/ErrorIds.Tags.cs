namespace TallyfyPS.Cmdlets
{
    public static partial class ErrorIds
    {
        // Tagging runs
        public const string RunArchived = "RunArchived";
    }
}
