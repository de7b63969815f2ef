namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Every ErrorId the module writes (the part of FullyQualifiedErrorId before the comma). Scripts catch
    /// errors by these names, so they never change; about_TallyfyPS lists each one, and a test keeps the two equal.
    /// An area's ids may live in a file of its own (ErrorIds.Templates.cs), as parts of this one class.
    /// </summary>
    public static partial class ErrorIds
    {
        // Sessions and sign-in
        public const string NoSession = "NoSession";
        public const string SessionDisconnected = "SessionDisconnected";
        public const string CredentialsRequired = "CredentialsRequired";
        public const string OrganizationRequired = "OrganizationRequired";
        public const string InvalidOrganizationId = "InvalidOrganizationId";
        public const string InvalidBaseUri = "InvalidBaseUri";
        public const string InsecureBaseUri = "InsecureBaseUri";
        public const string ApiRootNotFound = "ApiRootNotFound";
        public const string ProxyAuthenticationRequired = "ProxyAuthenticationRequired";
        public const string InvalidProxy = "InvalidProxy";

        // Input
        public const string InvalidRunId = "InvalidRunId";
        public const string InvalidTaskId = "InvalidTaskId";
        public const string InvalidBlueprintId = "InvalidBlueprintId";
        public const string InputHasNoId = "InputHasNoId";
        public const string InputIdsDisagree = "InputIdsDisagree";
        public const string OrganizationMismatch = "OrganizationMismatch";
        public const string OwnerNotFound = "OwnerNotFound";

        // Refusals made before anything is sent
        public const string TaskBelongsToRun = "TaskBelongsToRun";
        public const string ConfirmationRequired = "ConfirmationRequired";
        public const string AdministratorRequired = "AdministratorRequired";

        // What the service answered
        public const string RunNotFound = "RunNotFound";
        public const string TaskNotFound = "TaskNotFound";
        public const string TemplateNotFound = "TemplateNotFound";
        public const string PermissionDenied = "PermissionDenied";
        public const string AuthenticationFailed = "AuthenticationFailed";
        public const string InvalidRequest = "InvalidRequest";
        public const string RequestFailed = "RequestFailed";
        public const string RateLimited = "RateLimited";
        public const string ServerError = "ServerError";
        public const string ConnectionFailed = "ConnectionFailed";
        public const string InvalidResponse = "InvalidResponse";
        public const string ServiceUnavailable = "ServiceUnavailable";
    }
}
