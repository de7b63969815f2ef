namespace TallyfyPS.Cmdlets
{
    /// <summary>The ErrorIds of people, tags, folders and the activity feed.</summary>
    public static partial class ErrorIds
    {
        // People
        public const string UserNotFound = "UserNotFound";
        public const string InvalidUserId = "InvalidUserId";
        public const string GuestNotFound = "GuestNotFound";
        public const string GroupNotFound = "GroupNotFound";
        public const string InvalidGroupId = "InvalidGroupId";

        // Tags and folders
        public const string TagNotFound = "TagNotFound";
        public const string InvalidTagId = "InvalidTagId";
        public const string AmbiguousTagTitle = "AmbiguousTagTitle";
        public const string TagAlreadyExists = "TagAlreadyExists";
        public const string InvalidTagColor = "InvalidTagColor";
        public const string FolderNotFound = "FolderNotFound";
        public const string AmbiguousFolderName = "AmbiguousFolderName";

        // The activity feed
        public const string AmbiguousActivitySubject = "AmbiguousActivitySubject";
        public const string InvalidDateRange = "InvalidDateRange";
    }
}
