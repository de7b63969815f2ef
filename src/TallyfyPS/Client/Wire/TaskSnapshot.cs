using System.Collections.Generic;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>A task as just read, with the definitions of its form fields (what its values are checked against).</summary>
    internal sealed class TaskSnapshot
    {
        public TaskSnapshot(TallyfyTask task, IReadOnlyList<TallyfyFieldDefinition> fields)
        {
            Task = task;
            Fields = fields;
        }

        public TallyfyTask Task { get; }

        public IReadOnlyList<TallyfyFieldDefinition> Fields { get; }
    }
}
