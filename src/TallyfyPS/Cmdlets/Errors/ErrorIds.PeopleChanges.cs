namespace TallyfyPS.Cmdlets
{
    /// <summary>The ErrorIds of changing members, guests and groups.</summary>
    public static partial class ErrorIds
    {
        public const string SeatLimitReached = "SeatLimitReached";
        public const string UserFieldMissing = "UserFieldMissing";
        public const string InvalidUserField = "InvalidUserField";
        public const string InvalidEmail = "InvalidEmail";
        public const string EmailIsMember = "EmailIsMember";
        public const string GroupAlreadyExists = "GroupAlreadyExists";
    }
}
