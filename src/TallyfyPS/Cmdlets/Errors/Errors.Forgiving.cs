using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    internal static partial class Errors
    {
        /// <summary>A template name (not an id, no wildcard) that no template has: with the nearest title, as Get-ChildItem says of a path.</summary>
        public static ErrorRecord TemplateNameNotFound(string parameter, string value, string organizationId, string? nearest) => New(
            ErrorIds.TemplateNotFound, ErrorCategory.ObjectNotFound, value,
            $"No template of organization {organizationId} is named '{Ids.Display(value)}' ({parameter}).{(nearest is null ? string.Empty : $" Did you mean '{nearest}'?")}",
            nearest is null
                ? $"List the templates with Get-TallyfyTemplate, or use wildcards ({parameter} '*{Ids.Display(value)}*')."
                : $"Pass {parameter} '{nearest}', or list the templates with Get-TallyfyTemplate.");

        public static ErrorRecord AmbiguousTemplateName(string parameter, string value, IEnumerable<TallyfyTemplate> templates) => New(
            ErrorIds.AmbiguousTemplateName, ErrorCategory.InvalidArgument, value,
            $"{parameter} '{Ids.Display(value)}' is the title of several templates ({string.Join(", ", templates.Select(t => t.Id))}); TallyfyPS will not guess which one is meant. Nothing was sent.",
            $"Pass the template's id instead (Get-TallyfyTemplate -Name '{Ids.Display(value)}' shows them).");

        public static ErrorRecord InvalidActivityVerb(string value, IEnumerable<string> verbs, string? nearest) => New(
            ErrorIds.InvalidActivityVerb, ErrorCategory.InvalidArgument, value,
            $"-Verb '{Ids.Display(value)}' is not a verb of Tallyfy's activity feed.{(nearest is null ? string.Empty : $" Did you mean '{nearest}'?")} " +
            $"The verbs are {string.Join(", ", verbs)}. Nothing was sent.",
            nearest is null ? "Pass one of the verbs listed (tab completion offers them)." : $"Pass -Verb {nearest}.");

        /// <summary>A launch row (Import-Csv) without a Name column: the row, the columns it has, and the likely rename.</summary>
        public static ErrorRecord LaunchNameMissing(int row, IReadOnlyList<string> columns, object? target)
        {
            string? like = columns.FirstOrDefault(c => c.Equals("Title", System.StringComparison.OrdinalIgnoreCase))
                ?? Typos.Nearest("Name", columns, maxDistance: 2);
            string has = columns.Count == 0 ? "no columns" : "the columns " + string.Join(", ", columns.Select(c => "'" + c + "'"));
            return New(ErrorIds.LaunchNameMissing, ErrorCategory.InvalidData, target,
                $"Row {row} has no Name column (it has {has}), so Start-TallyfyRun cannot name its run. Nothing was sent for it.",
                like is null
                    ? "Add a Name column (or RunName) with each run's name, or pass -Name."
                    : $"Rename the {like} column to Name: Import-Csv ... | Select-Object @{{ Name = 'Name'; Expression = {{ $_.'{like}' }} }}, * -ExcludeProperty '{like}' | Start-TallyfyRun ...");
        }

        public static ErrorRecord DeadlineRequired(string id, string? title, object? target) => New(
            ErrorIds.DeadlineRequired, ErrorCategory.InvalidArgument, target,
            $"{Noun.Task.Describe(id, title)} is a one-off task that has no deadline, and Tallyfy updates a one-off task only with its title, deadline and owners: pass -Deadline. Nothing was sent.",
            $"Pass -Deadline too, for example Set-TallyfyTask -Id {id} -Deadline (Get-Date).AddDays(7).");
    }
}
