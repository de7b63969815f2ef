using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of the handover (Get-TallyfyAssignment, Move-TallyfyAssignment, Remove-TallyfyUser).</summary>
    internal static partial class Errors
    {
        public static ErrorRecord InvalidAssignment(object? target, string problem) => New(ErrorIds.InvalidAssignment, ErrorCategory.InvalidArgument, target,
            $"This input is not an assignment to move: {problem}. Nothing was sent for it.",
            "Pipe the rows of Get-TallyfyAssignment (or an Import-Csv of them, with the Kind, Id, RunId, TemplateId and From columns kept).");

        public static ErrorRecord UnknownMember(string parameter, string value, string why, string organizationId) => New(ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, value,
            $"{parameter} '{Ids.Display(value)}' is no member of organization {organizationId}: {why}. Nothing was read or sent.",
            $"{Noun.User.ListHint}; pass a member's email or user id.");

        public static ErrorRecord InvalidHandoverTarget(object? target, string to, string why) => New(ErrorIds.InvalidHandoverTarget, ErrorCategory.InvalidArgument, target,
            $"The assignment cannot go to '{Ids.Display(to)}': {why}. Nothing was sent for it.",
            "Give -To (or the row's To column) an active member's email or user id (Get-TallyfyUser lists them).");

        public static ErrorRecord AssignmentNotMovable(object? target, string subject, string why) => New(ErrorIds.AssignmentNotMovable, ErrorCategory.InvalidOperation, target,
            $"{subject}: {why}",
            "List what is left with Get-TallyfyAssignment -User <email> and move that.");

        public static ErrorRecord OpenAssignments(TallyfyUser user, IReadOnlyList<TallyfyAssignment> open) => New(ErrorIds.OpenAssignments, ErrorCategory.InvalidOperation, user,
            $"{HandoverPeople.EmailOf(user)} still has {Words.Count(open.Count, "open assignment")} (" +
            string.Join(", ", open.GroupBy(a => a.Kind).Select(g => $"{g.Key} {g.Count()}")) + "). Nothing was sent: removing the member now would leave that work with nobody.",
            $"Hand it over first: Get-TallyfyAssignment -User {HandoverPeople.EmailOf(user)} | Move-TallyfyAssignment -To <member>. Or pass -ReassignTo <member> (Tallyfy moves every task, and nothing else, to that one person), or -Force.");

        public static ErrorRecord UserNotRemovable(TallyfyUser user, string why) => New(ErrorIds.UserNotRemovable, ErrorCategory.InvalidOperation, user,
            $"{HandoverPeople.EmailOf(user)} cannot be removed: {why}. Nothing was sent.",
            "Tallyfy keeps its default admin and its bots; hand their work over with Get-TallyfyAssignment and Move-TallyfyAssignment if needed.");
    }
}
