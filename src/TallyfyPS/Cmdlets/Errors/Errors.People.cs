using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of people, tags, folders and the activity feed.</summary>
    internal static partial class Errors
    {
        /// <summary>A literal (wildcard-free) filter value that matched nothing: the PowerShell way, as Get-Item does.</summary>
        public static ErrorRecord NoMatch(Noun noun, string parameter, string value, string organizationId) => New(noun.NotFoundId, ErrorCategory.ObjectNotFound, value,
            $"No {noun.Name} of organization {organizationId} matches {parameter} '{Ids.Display(value)}'.",
            $"Check the value, or use wildcards ({parameter} '*{Ids.Display(value)}*'); {noun.ListHint}.");

        public static ErrorRecord UserNotFound(long id, string organizationId) => New(ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, id,
            $"No member of organization {organizationId} has the user id {id}.",
            $"{Noun.User.ListHint}; user ids are numbers (a run's OwnerId, an activity's ActorId).");

        public static ErrorRecord GroupNotFound(string id, string organizationId) => New(ErrorIds.GroupNotFound, ErrorCategory.ObjectNotFound, id,
            $"No group of organization {organizationId} has the id {id}.", Noun.Group.ListHint + ".");

        public static ErrorRecord InvalidGroupId(string? value) => New(ErrorIds.InvalidGroupId, ErrorCategory.InvalidArgument, value,
            $"'{Ids.Display(value)}' is not a Tallyfy group id: an id is 32 hexadecimal characters.",
            "Pass the group's id as Get-TallyfyGroup shows it, or its name with -Name.");

        public static ErrorRecord InvalidUserId(string parameter, object? value) => New(ErrorIds.InvalidUserId, ErrorCategory.InvalidArgument, value,
            $"{parameter} '{Ids.Display(value?.ToString())}' is not a user id (a number), an email or a user from Get-TallyfyUser. Nothing was sent.",
            $"Pass a member's email (Get-TallyfyUser -Email '<part>*' finds it), its user id, or the user itself.");

        /// <summary>A tag named (by id or title) that the organization's tag list does not hold: before any request that changes anything.</summary>
        public static ErrorRecord TagNotFound(string parameter, string value, string organizationId) => New(ErrorIds.TagNotFound, ErrorCategory.ObjectNotFound, value,
            $"{parameter} '{Ids.Display(value)}' names no tag of organization {organizationId} (by id or title). Nothing was sent.",
            $"List the tags with Get-TallyfyTag, or create this one with New-TallyfyTag -Title '{Ids.Display(value)}'.");

        public static ErrorRecord AmbiguousTagTitle(string parameter, string value, IEnumerable<TallyfyTag> tags) => New(ErrorIds.AmbiguousTagTitle, ErrorCategory.InvalidArgument, value,
            $"{parameter} '{Ids.Display(value)}' is the title of several tags ({string.Join(", ", tags.Select(t => t.Id))}); TallyfyPS will not guess which one is meant. Nothing was sent.",
            "Pass the tag's id instead (Get-TallyfyTag -Title shows them).");

        public static ErrorRecord TagAlreadyExists(string title, TallyfyTag existing) => New(ErrorIds.TagAlreadyExists, ErrorCategory.ResourceExists, title,
            $"The organization already has the tag '{existing.Title}' ({existing.Id}); tag titles are unique in any case, so no tag was created.",
            $"Use the tag that exists (Get-TallyfyTag -Title '{existing.Title}'), or choose another title.");

        public static ErrorRecord InvalidTagColor(string value) => New(ErrorIds.InvalidTagColor, ErrorCategory.InvalidArgument, value,
            $"-Color '{Ids.Display(value)}' is not a color: Tallyfy takes six hexadecimal digits, such as #3498db. Nothing was sent.",
            "Pass -Color '#rrggbb' (the # may be left out), or leave -Color out for Tallyfy's default.");

        /// <param name="kind">"folder of runs", "folder of templates", "folder".</param>
        /// <param name="done">What did not happen: "Nothing was listed." or "Nothing was sent."</param>
        public static ErrorRecord FolderNotFound(string parameter, string value, string organizationId, string kind = "folder of runs", string done = "Nothing was listed.") => New(ErrorIds.FolderNotFound, ErrorCategory.ObjectNotFound, value,
            $"{parameter} '{Ids.Display(value)}' names no {kind} of organization {organizationId} (by id, name or path). {done}",
            kind == "folder of runs" ? "List the folders with Get-TallyfyFolder -Type Run." : kind == "folder of templates" ? "List the folders with Get-TallyfyFolder -Type Template." : "List the folders with Get-TallyfyFolder -Type All.");

        public static ErrorRecord AmbiguousFolderName(string parameter, string value, IEnumerable<TallyfyFolder> folders, string done = "Nothing was listed.") => New(ErrorIds.AmbiguousFolderName, ErrorCategory.InvalidArgument, value,
            $"{parameter} '{Ids.Display(value)}' is the name of several folders ({string.Join(", ", folders.Select(f => $"'{f.Path}' {f.Id}"))}); TallyfyPS will not guess which one is meant. {done}",
            "Pass the folder's path (Parent/Child) or its id, as Get-TallyfyFolder shows them.");

        public static ErrorRecord AmbiguousActivitySubject(string command, object target) => New(ErrorIds.AmbiguousActivitySubject, ErrorCategory.InvalidArgument, target,
            $"{command} got '{Ids.Display(target.ToString())}' from the pipeline, which does not say whether it is a run, a task or a template. Nothing was read for it.",
            "Pass it with -RunId, -TaskId or -TemplateId, or pipe the record itself (Get-TallyfyRun -Id <id> | Get-TallyfyActivity).");

        public static ErrorRecord InvalidDateRange(System.DateTime after, System.DateTime before) => New(ErrorIds.InvalidDateRange, ErrorCategory.InvalidArgument, after,
            $"-After ({after:o}) is not earlier than -Before ({before:o}): no entry can match. Nothing was read.",
            "Swap the two dates, or leave one out.");
    }
}
