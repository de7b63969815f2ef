using System.Collections.Generic;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>One launch: its row, name, template and values as given, then what its read found.</summary>
    internal sealed class LaunchRow
    {
        public LaunchRow(int row, bool piped, string name)
        {
            Row = row;
            Piped = piped;
            Name = name;
        }

        public int Row { get; }
        public bool Piped { get; }
        public string Name { get; }
        public string? TemplateId { get; set; }
        public List<KeyValuePair<string, object?>> Values { get; set; } = new List<KeyValuePair<string, object?>>();
        public TallyfyTemplate? Template { get; set; }
        public FieldValueSet? Fields { get; set; }
        public TallyfyRun? Existing { get; set; }

        /// <summary>"Row 3 ('Onboard Jane')", or "New run 'Onboard Jane'": the launch in messages.</summary>
        public string Subject => Piped ? $"Row {Row} ('{Name}')" : $"New run '{Name}'";

        /// <summary>
        /// LaunchNameMissing when a launch has no name: a row without a Name column (PowerShell's binder would say only
        /// "cannot bind", with no row), or a call without -Name and without input. Null when it has one.
        /// </summary>
        public static ErrorRecord? NameMissing(int row, bool piped, string? name, PSObject? input)
        {
            if (!string.IsNullOrEmpty(name))
            {
                return null;
            }

            bool isRow = input?.BaseObject is PSCustomObject || input?.BaseObject is System.Collections.IDictionary;
            if (!piped || !isRow)
            {
                return Errors.New(ErrorIds.LaunchNameMissing, ErrorCategory.InvalidArgument, null,
                    $"Start-TallyfyRun needs the new run's name{(piped ? $" (input {row})" : string.Empty)}: pass -Name, or pipe rows with a Name column. Nothing was sent{(piped ? " for it" : string.Empty)}.",
                    "Start-TallyfyRun -TemplateId <id or name> -Name 'Quarterly audit Q3'");
            }

            var columns = new List<string>();
            if (input?.BaseObject is System.Collections.IDictionary table)
            {
                if (table.Contains("Name") || table.Contains("RunName"))
                {
                    return Errors.New(ErrorIds.LaunchNameMissing, ErrorCategory.InvalidData, input,
                        $"Row {row} is a hashtable: PowerShell does not bind a hashtable's Name key to -Name, so the run has no name. Nothing was sent for it.",
                        "Pipe [pscustomobject]@{ Name = ...; ... } instead of @{ Name = ...; ... }.");
                }

                foreach (object key in table.Keys)
                {
                    columns.Add(key?.ToString() ?? string.Empty);
                }
            }
            else if (input != null)
            {
                foreach (PSPropertyInfo p in input.Properties)
                {
                    columns.Add(p.Name);
                }
            }

            return Errors.LaunchNameMissing(row, columns, (object?)input ?? row);
        }

        /// <summary>The row names a template other than -TemplateId's.</summary>
        public ErrorRecord Disagree(string given, string other, object? target) => Errors.New(ErrorIds.InputIdsDisagree,
            ErrorCategory.InvalidArgument, target,
            $"{Subject} names two different templates (-TemplateId {given}, and {other} from the pipeline); TallyfyPS will not guess which one is meant. Nothing was sent for it.",
            "Leave out -TemplateId, or make them agree.");
    }
}
