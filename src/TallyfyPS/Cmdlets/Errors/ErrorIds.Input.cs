namespace TallyfyPS.Cmdlets
{
    public static partial class ErrorIds
    {
        // What the user typed (names, titles, paths)
        public const string InvalidCharacter = "InvalidCharacter";
    }
}
