using System.Collections.Generic;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Lists everything a member is assigned to that still matters, one TallyfyAssignment per assignment: open tasks of
    /// runs (not completed, the run not archived), open one-off tasks, live runs they own and runs they are a member of
    /// (completed runs are history), template steps and groups. It is a plan: pipe it to Move-TallyfyAssignment, or
    /// Export-Csv it, fill in To per row, and Import-Csv it back into Move-TallyfyAssignment.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyAssignment", HelpUri = HelpLinks.Base + "Get-TallyfyAssignment.md")]
    [OutputType(typeof(TallyfyAssignment))]
    public sealed class GetTallyfyAssignmentCommand : SessionCmdlet
    {
        /// <summary>The member: an email, a user id, a user from Get-TallyfyUser, or a row with an Id, UserId or Email column.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Email", "UserId")]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public object[]? User { get; set; }

        protected override void ProcessRecord() => Guarded(() =>
        {
            foreach (object? value in User ?? new object[0])
            {
                if (!(HandoverPeople.Member(this, Ops, Organization, "-User", value) is TallyfyUser user))
                {
                    continue;
                }

                string org = Organization;
                TallyfyOperations ops = Ops;
                IReadOnlyList<TallyfyAssignment> found;
                try
                {
                    found = Run(context => ops.ListAssignmentsAsync(org, user, context));
                }
                catch (TallyfyApiException ex)
                {
                    WriteError(Errors.ListFailed(ex, Noun.Assignment));
                    continue;
                }

                foreach (TallyfyAssignment assignment in found)
                {
                    WriteObject(assignment);
                }
            }
        });

        protected override void EndProcessing() => Completed();
    }
}
