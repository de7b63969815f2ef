using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of what the user typed: a name, title or path with a control character.</summary>
    internal static partial class Errors
    {
        /// <param name="field">"-Title", "Row 2's Name".</param>
        public static ErrorRecord InvalidCharacter(string field, string value, string found, bool multiLine, object? target) => New(
            ErrorIds.InvalidCharacter, ErrorCategory.InvalidArgument, target ?? value,
            $"{field} '{TextRules.Shown(value)}' holds {found}. " +
            (multiLine ? "It takes text with tabs and line breaks, and no other control character." : "A name or title takes no control character (no NUL, tab or line break).") +
            " Nothing was sent.",
            $"Remove the control character from {field} (a CSV cell or a pasted value may carry one).");
    }
}
