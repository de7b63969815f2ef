namespace TallyfyPS.Cmdlets
{
    public static partial class ErrorIds
    {
        // Input a user got nearly right: the error says what was meant, before anything is sent.
        public const string AmbiguousTemplateName = "AmbiguousTemplateName";
        public const string InvalidActivityVerb = "InvalidActivityVerb";
        public const string LaunchNameMissing = "LaunchNameMissing";
        public const string DeadlineRequired = "DeadlineRequired";
    }
}
