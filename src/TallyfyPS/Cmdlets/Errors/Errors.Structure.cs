using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of changing folders, tags and template steps.</summary>
    internal static partial class Errors
    {
        /// <summary>A folder of this name sits where a new or renamed folder would go: names by path would become ambiguous.</summary>
        public static ErrorRecord FolderNameTaken(string name, TallyfyFolder existing, object? target) => New(ErrorIds.FolderNameTaken, ErrorCategory.ResourceExists, target ?? name,
            $"A {FolderArguments.Kind(existing.FolderType)} named '{existing.Name}' is there already ('{existing.Path}', {existing.Id}). Nothing was sent.",
            "Choose another name, or use that folder (Get-TallyfyFolder lists the folders with their paths).");

        /// <summary>A move that would put a folder inside itself.</summary>
        public static ErrorRecord FolderCycle(TallyfyFolder folder, TallyfyFolder parent) => New(ErrorIds.FolderCycle, ErrorCategory.InvalidArgument, parent,
            $"Folder '{folder.Path}' cannot go into '{parent.Path}', which is itself or one of its subfolders. Nothing was sent.",
            "Pass a -Parent outside the folder (Get-TallyfyFolder shows the paths).");

        /// <summary>A tag title another tag has (titles are unique in any case).</summary>
        public static ErrorRecord TagTitleTaken(string title, TallyfyTag other, object? target) => New(ErrorIds.TagTitleTaken, ErrorCategory.ResourceExists, target ?? title,
            $"Another tag is titled '{other.Title}' ({other.Id}), and tag titles are unique in any case. Nothing was sent.",
            "Choose another title, or remove the other tag first (Remove-TallyfyTag).");

        /// <summary>A step that is not (or no longer) in its template.</summary>
        public static ErrorRecord StepNotFound(string stepId, string templateId, object? target, TallyfyApiException? inner) => New(ErrorIds.StepNotFound, ErrorCategory.ObjectNotFound, target ?? stepId,
            $"Template {templateId} has no step {stepId} (or the template is archived or gone). Nothing was sent for it.",
            $"List the template's steps with Get-TallyfyTemplate -Id {templateId} -Include Steps.", inner);
    }
}
