namespace TallyfyPS.Cmdlets
{
    /// <summary>What error messages say about one kind of record: its name, its error ids, and the cmdlet that lists it.</summary>
    internal sealed class Noun
    {
        private Noun(string name, string notFoundId, string invalidId, string listHint, string getCommand)
        {
            Name = name;
            GetCommand = getCommand;
            NotFoundId = notFoundId;
            InvalidId = invalidId;
            ListHint = listHint;
        }

        public static Noun Run { get; } = new Noun("run", ErrorIds.RunNotFound, ErrorIds.InvalidRunId,
            "list runs with Get-TallyfyRun (add -Status archived to see archived ones)", "Get-TallyfyRun");

        public static Noun Task { get; } = new Noun("task", ErrorIds.TaskNotFound, ErrorIds.InvalidTaskId,
            "list tasks with Get-TallyfyTask (add -IncludeArchived to include archived ones)", "Get-TallyfyTask");

        public static Noun User { get; } = new Noun("user", ErrorIds.UserNotFound, ErrorIds.InvalidUserId,
            "list members with Get-TallyfyUser", "Get-TallyfyUser");

        public static Noun Guest { get; } = new Noun("guest", ErrorIds.GuestNotFound, ErrorIds.InvalidUserId,
            "list guests with Get-TallyfyGuest", "Get-TallyfyGuest");

        public static Noun Group { get; } = new Noun("group", ErrorIds.GroupNotFound, ErrorIds.InvalidGroupId,
            "list groups with Get-TallyfyGroup", "Get-TallyfyGroup");

        public static Noun Tag { get; } = new Noun("tag", ErrorIds.TagNotFound, ErrorIds.InvalidTagId,
            "list tags with Get-TallyfyTag", "Get-TallyfyTag");

        public static Noun Folder { get; } = new Noun("folder", ErrorIds.FolderNotFound, ErrorIds.FolderNotFound,
            "list folders with Get-TallyfyFolder", "Get-TallyfyFolder");

        public static Noun Activity { get; } = new Noun("activity entry", ErrorIds.RequestFailed, ErrorIds.AmbiguousActivitySubject,
            "read the feed with Get-TallyfyActivity", "Get-TallyfyActivity");

        public static Noun Template { get; } = new Noun("template", ErrorIds.TemplateNotFound, ErrorIds.InvalidBlueprintId,
            "list templates with Get-TallyfyTemplate (add -IncludeArchived to include archived ones)", "Get-TallyfyTemplate");

        public static Noun Comment { get; } = new Noun("comment", ErrorIds.CommentNotFound, ErrorIds.InvalidCommentId,
            "list comments with Get-TallyfyComment", "Get-TallyfyComment");

        public static Noun Problem { get; } = new Noun("problem", ErrorIds.ProblemNotFound, ErrorIds.InvalidCommentId,
            "list open problems with Get-TallyfyComment -Open", "Get-TallyfyComment");

        /// <summary>"run", "task".</summary>
        public string Name { get; }

        /// <summary>"Run", "Task": at the start of a sentence.</summary>
        public string Title => char.ToUpperInvariant(Name[0]) + Name.Substring(1);

        public string NotFoundId { get; }

        /// <summary>The cmdlet that reads one record of this kind by id.</summary>
        public string GetCommand { get; }
        public string InvalidId { get; }

        /// <summary>Where to find valid ids, as advice ("list runs with Get-TallyfyRun ...").</summary>
        public string ListHint { get; }

        /// <summary>"Run 'Q3: audit' (9f2c...)" or "Run 9f2c...".</summary>
        public string Describe(string id, string? name) => string.IsNullOrEmpty(name) ? $"{Title} {id}" : $"{Title} '{name}' ({id})";

        public override string ToString() => Name;
    }
}
