using System;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of templates, launching runs and working on tasks.</summary>
    internal static partial class Errors
    {
        /// <summary>
        /// Form-field values that cannot be sent (an unknown or misspelled name, an option that does not exist, a
        /// required field left empty): one error for the item, naming every problem. Nothing was sent for it.
        /// </summary>
        /// <param name="subject">"Row 3 ('Onboard Jane')", "Task 'Collect W-9' (id)".</param>
        public static ErrorRecord FieldValues(FieldValueSet values, string subject, string fieldsCommand, object? target)
        {
            FieldProblemKind kind = values.FirstKind ?? FieldProblemKind.InvalidValue;
            string errorId = kind switch
            {
                FieldProblemKind.UnknownField => ErrorIds.FieldNotFound,
                FieldProblemKind.AmbiguousField => ErrorIds.FieldNotFound,
                FieldProblemKind.MissingRequired => ErrorIds.RequiredFieldMissing,
                FieldProblemKind.OwnerNotFound => ErrorIds.OwnerNotFound,
                _ => ErrorIds.InvalidFieldValue,
            };
            string problems = string.Join(" ", values.Problems.Select(p => p.Message));
            string advice = kind switch
            {
                FieldProblemKind.MissingRequired => $"Give every required field a value; {fieldsCommand} lists them (Required).",
                FieldProblemKind.InvalidValue => $"Use a value the field takes; {fieldsCommand} lists each field's Type and Options.",
                FieldProblemKind.OwnerNotFound => "Name members by user id or email (Get-TallyfyUser lists them), guests by email (Get-TallyfyGuest), groups by id or name (Get-TallyfyGroup).",
                _ => $"Name fields by their Label, Alias or Id as {fieldsCommand} shows them.",
            };
            return New(errorId, kind == FieldProblemKind.OwnerNotFound ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, target,
                $"{subject}: {problems} Nothing was sent for it.", advice);
        }

        public static ErrorRecord TemplateRequired(string subject, object? target) => New(ErrorIds.TemplateRequired, ErrorCategory.InvalidArgument, target,
            $"{subject} names no template to launch from. Nothing was sent for it.",
            "Pass -TemplateId, pipe a template from Get-TallyfyTemplate, or give the row a TemplateId column.");

        public static ErrorRecord TemplateArchived(string subject, string templateId, string title, object? target) => New(ErrorIds.TemplateArchived,
            ErrorCategory.InvalidOperation, target,
            $"{subject}: the template '{title}' ({templateId}) is archived, and Tallyfy launches no runs from an archived template. Nothing was sent for it.",
            "Restore the template in Tallyfy, or launch from another (Get-TallyfyTemplate lists the live ones).");

        public static ErrorRecord RunNameRepeated(string subject, int earlierRow, object? target) => New(ErrorIds.RunNameRepeated, ErrorCategory.InvalidArgument, target,
            $"{subject} names the same run as row {earlierRow} of this call, and -SkipExisting launches one run per name. Nothing was sent for it.",
            "Give each row its own Name, or leave out -SkipExisting to launch both.");

        public static ErrorRecord ApprovalRequired(string subject, object? target) => New(ErrorIds.ApprovalRequired, ErrorCategory.InvalidOperation, target,
            $"{subject} is an approval: Tallyfy completes it only as approved or rejected. Nothing was sent for it.",
            "Add -Approve or -Reject (one call for the approvals, another for the other tasks).");

        public static ErrorRecord NotAnApproval(string subject, string? taskType, string switchName, object? target) => New(ErrorIds.NotAnApproval,
            ErrorCategory.InvalidOperation, target,
            $"{subject} is {Kind(taskType)}, not an approval, so {switchName} does not apply " +
            "(on an expiring task Tallyfy would record a rejection as \"expired\"). Nothing was sent for it.",
            $"Complete it without {switchName}, or pass only approval tasks (Where-Object TaskType -eq approval).");

        public static ErrorRecord TaskRepeated(string subject, string verb, object? target) => New(ErrorIds.TaskRepeated, ErrorCategory.InvalidArgument, target,
            $"{subject} appears earlier in this input, and is {verb} once, by its first appearance (a second completion would make " +
            "Tallyfy complete it again and re-send its notifications). Nothing was sent for this one.",
            "Pass each task once (Sort-Object -Property Id -Unique, or Select-Object -Unique on the ids); the first appearance's result says what happened to it.");

        /// <summary>"a task", "an expiring task", "an email task".</summary>
        private static string Kind(string? taskType)
        {
            string type = string.IsNullOrEmpty(taskType) || taskType == "task" ? "task" : taskType!.Replace('_', ' ') + " task";
            return ("aeiou".IndexOf(char.ToLowerInvariant(type[0])) >= 0 ? "an " : "a ") + type;
        }

        public static ErrorRecord TaskIsCompleted(string subject, object? target) => New(ErrorIds.TaskIsCompleted, ErrorCategory.InvalidOperation, target,
            $"{subject} is completed, and Tallyfy does not change a completed task. Nothing was sent for it.",
            "Reopen it first (Undo-TallyfyTaskCompletion), then change it.");

        public static ErrorRecord NothingToChange(string command, string parameters) => New(ErrorIds.NothingToChange, ErrorCategory.InvalidArgument, null,
            $"{command} was given nothing to change. Nothing was sent.",
            $"Pass at least one of {parameters}.");

        public static ErrorRecord ConflictingParameters(string message, string advice) => New(ErrorIds.ConflictingParameters, ErrorCategory.InvalidArgument, null,
            message + " Nothing was sent.", advice);
    }
}
