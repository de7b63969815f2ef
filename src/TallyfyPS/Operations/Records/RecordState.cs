using System;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>What a read (or the input object) showed of one record.</summary>
    internal sealed class RecordState
    {
        public RecordState(KnownState state, string? name = null, DateTimeOffset? archivedAt = null, string? runId = null, DateTimeOffset? serverDate = null)
        {
            State = state;
            Name = name;
            ArchivedAt = archivedAt;
            RunId = runId;
            ServerDate = serverDate;
        }

        public static RecordState Unknown { get; } = new RecordState(KnownState.Unknown);

        /// <summary>The record's id, where it came from a list.</summary>
        public string? Id { get; internal set; }

        public KnownState State { get; }
        public string? Name { get; }
        public DateTimeOffset? ArchivedAt { get; }

        /// <summary>For a task: the run it belongs to (null for a one-off task).</summary>
        public string? RunId { get; }

        /// <summary>The service's clock when it was read (its Date header), if it was read.</summary>
        public DateTimeOffset? ServerDate { get; }

        public bool Exists => State == KnownState.Live || State == KnownState.Archived;

        public override string ToString() => Name is null ? State.ToString() : $"{State} '{Name}'";
    }
}
