using System.Collections.Generic;
using System.Linq;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>Form-field values converted to the API's shapes, keyed by field id, and what was wrong with them.</summary>
    internal sealed class FieldValueSet
    {
        internal FieldValueSet(IReadOnlyDictionary<string, object?> values, IReadOnlyList<FieldProblem> problems, IReadOnlyList<TallyfyFieldDefinition> given)
        {
            Values = values;
            Problems = problems;
            Given = given;
        }

        public static FieldValueSet Empty { get; } = new FieldValueSet(new Dictionary<string, object?>(), new FieldProblem[0], new TallyfyFieldDefinition[0]);

        /// <summary>The values to send, by field id (what prerun and taskdata take).</summary>
        public IReadOnlyDictionary<string, object?> Values { get; }

        public IReadOnlyList<FieldProblem> Problems { get; }

        /// <summary>The fields that were given a value.</summary>
        public IReadOnlyList<TallyfyFieldDefinition> Given { get; }

        public bool IsValid => Problems.Count == 0;

        /// <summary>The first problem's kind, in the order unknown, ambiguous, invalid, missing (what an error is named by).</summary>
        public FieldProblemKind? FirstKind => Problems.Count == 0 ? (FieldProblemKind?)null : Problems.Min(p => p.Kind);
    }
}
