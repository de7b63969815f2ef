using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Journal;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Reads a journal written by -Journal back as result objects: the last result of each item, in the order the
    /// items first came, for reports after the fact. Items that were under way when the call was interrupted have
    /// no result; a warning counts them.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyJournal", HelpUri = HelpLinks.Base + "Get-TallyfyJournal.md")]
    [OutputType(typeof(TallyfyRunRemovalResult), typeof(TallyfyRunRestoreResult), typeof(TallyfyTaskRemovalResult), typeof(TallyfyTaskRestoreResult), typeof(TallyfyRunTagResult), typeof(TallyfyTagRemovalResult), typeof(TallyfyTaskCompletionResult), typeof(TallyfyCommentRemovalResult), typeof(TallyfyLaunchResult), typeof(TallyfyRunExportResult), typeof(TallyfyAssignmentMoveResult))]
    public sealed class GetTallyfyJournalCommand : PSCmdlet
    {
        /// <summary>The journal files.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            foreach (string path in Path)
            {
                if (!PathArguments.TryResolve(this, path, out string full, out string why))
                {
                    WriteError(Errors.Journal(new JournalException(JournalProblem.Unreadable, TextRules.Shown(path),
                        $"The journal '{TextRules.Shown(path)}' cannot be read: {why.TrimEnd('.')}."), MyInvocation.MyCommand.Name, reading: true));
                    continue;
                }

                try
                {
                    (JournalHeader header, var entries) = JournalFile.Read(full);
                    WriteVerbose($"Journal {full}: {header.Command} ({header.Action}) in organization {header.OrganizationId}, started {header.CreatedAt:u}; {Client.Words.Count(entries.Count, "item")}.");
                    int underWay = 0;
                    foreach (JournalEntry entry in entries)
                    {
                        if (entry.Result is null)
                        {
                            underWay++;
                            continue;
                        }

                        if (entry.Result is AssignmentMovesRecord rows)
                        {
                            WriteObject(rows.Rows(), enumerateCollection: true); // one item per record, a result per row (Move-TallyfyAssignment)
                        }
                        else
                        {
                            WriteObject(entry.Result);
                        }
                    }

                    if (underWay > 0)
                    {
                        WriteWarning($"{Client.Words.Count(underWay, "item")} of {full} {Client.Words.Was(underWay)} under way when {header.Command} was interrupted, so {(underWay == 1 ? "it has" : "they have")} no result. " +
                            $"Run the same {header.Command} command with -Journal '{path}' to settle them.");
                    }
                }
                catch (JournalException ex)
                {
                    WriteError(Errors.Journal(ex, MyInvocation.MyCommand.Name, reading: true));
                }
            }
        }
    }
}
