using System;
using System.Collections.Generic;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>What to change on a task; what is null stays as it is.</summary>
    internal sealed class TaskChange
    {
        public string? Title { get; set; }

        public string? Summary { get; set; }

        public DateTimeOffset? Deadline { get; set; }

        /// <summary>The owners after the change, all three buckets (merged from a fresh read by the caller).</summary>
        public ResolvedOwners? Owners { get; set; }

        /// <summary>Form-field answers in the API's shapes, by field id (see <see cref="FieldValueConverter"/>).</summary>
        public IReadOnlyDictionary<string, object?>? TaskData { get; set; }

        public bool IsEmpty => Title is null && Summary is null && Deadline is null && Owners is null && (TaskData is null || TaskData.Count == 0);
    }
}
