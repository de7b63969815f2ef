using System.Management.Automation;
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

        /// <summary>A tag title another tag has (titles are unique in any case).</summary>
        public static ErrorRecord TagTitleTaken(string title, TallyfyTag other, object? target) => New(ErrorIds.TagTitleTaken, ErrorCategory.ResourceExists, target ?? title,
            $"Another tag is titled '{other.Title}' ({other.Id}), and tag titles are unique in any case. Nothing was sent.",
            "Choose another title, or remove the other tag first (Remove-TallyfyTag).");

        /// <summary>A new label for an open problem: the thread would stop being one while its task and run stay flagged.</summary>
        public static ErrorRecord ProblemLabel(TallyfyComment problem, string label) => New(ErrorIds.ProblemLabel, ErrorCategory.InvalidOperation, problem,
            $"Comment {problem.Id} on task {problem.TaskId} is an open problem: labelled '{label}' it would no longer be listed as one, and its task and run would stay flagged (a label resolves nothing). Nothing was sent for it.",
            $"Resolve it with Resolve-TallyfyProblem (Get-TallyfyComment -TaskId {problem.TaskId} -Open | Resolve-TallyfyProblem -Text '...'); -Text alone edits its text.");
    }
}
