using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of the handover (Get-TallyfyAssignment, Move-TallyfyAssignment).</summary>
    internal static partial class Errors
    {
        public static ErrorRecord InvalidAssignment(object? target, string problem) => New(ErrorIds.InvalidAssignment, ErrorCategory.InvalidArgument, target,
            $"This input is not an assignment to move: {problem}. Nothing was sent for it.",
            "Pipe the rows of Get-TallyfyAssignment (or an Import-Csv of them, with the Kind, Id, RunId, TemplateId and From columns kept).");

        public static ErrorRecord UnknownMember(string parameter, string value, string organizationId) => New(ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, value,
            $"{parameter} '{Ids.Display(value)}' is no member of organization {organizationId} (by email or user id). Nothing was read or sent.",
            $"{Noun.User.ListHint}; pass a member's email or user id.");

        public static ErrorRecord InvalidHandoverTarget(object? target, string to, string why) => New(ErrorIds.InvalidHandoverTarget, ErrorCategory.InvalidArgument, target,
            $"The assignment cannot go to '{Ids.Display(to)}': {why}. Nothing was sent for it.",
            "Give -To (or the row's To column) an active member's email or user id (Get-TallyfyUser lists them).");

        public static ErrorRecord AssignmentNotMovable(object? target, string subject, string why) => New(ErrorIds.AssignmentNotMovable, ErrorCategory.InvalidOperation, target,
            $"{subject}: {why}",
            "List what is left with Get-TallyfyAssignment -User <email> and move that.");
    }
}
