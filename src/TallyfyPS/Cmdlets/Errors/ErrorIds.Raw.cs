namespace TallyfyPS.Cmdlets
{
    public static partial class ErrorIds
    {
        // Raw requests (Invoke-TallyfyApi) and organizations
        public const string InvalidApiPath = "InvalidApiPath";
        public const string ForeignApiHost = "ForeignApiHost";
        public const string InvalidJsonBody = "InvalidJsonBody";
        public const string ResourceNotFound = "ResourceNotFound";
        public const string OrganizationNotFound = "OrganizationNotFound";
    }
}
