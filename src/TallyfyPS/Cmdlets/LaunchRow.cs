using System.Collections.Generic;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

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

        /// <summary>The row names a template other than -TemplateId's.</summary>
        public ErrorRecord Disagree(string given, string other, object? target) => Errors.New(ErrorIds.InputIdsDisagree,
            ErrorCategory.InvalidArgument, target,
            $"{Subject} names two different templates (-TemplateId {given}, and {other} from the pipeline); TallyfyPS will not guess which one is meant. Nothing was sent for it.",
            "Leave out -TemplateId, or make them agree.");
    }
}
