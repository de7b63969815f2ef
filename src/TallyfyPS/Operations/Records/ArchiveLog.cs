using System;
using System.Collections.Concurrent;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// The records this session archived, with the archived_at the service gave. A second archive answered by
    /// 200 carries the first archive's archived_at; the Date header has a resolution of one second, so within a
    /// second of the first archive only this memory tells "already archived" from "archived now".
    /// </summary>
    internal sealed class ArchiveLog
    {
        private const int Capacity = 100_000;
        private readonly ConcurrentDictionary<string, DateTimeOffset> _archived = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);

        public void Add(RecordKind kind, string id, DateTimeOffset? archivedAt)
        {
            if (!archivedAt.HasValue)
            {
                return;
            }

            if (_archived.Count >= Capacity)
            {
                _archived.Clear(); // a bound, not a cache policy: the memory only matters for the last few seconds
            }

            _archived[kind.Noun + "/" + id] = archivedAt.Value;
        }

        /// <summary>True when this session archived the record at exactly <paramref name="archivedAt"/>.</summary>
        public bool Contains(RecordKind kind, string id, DateTimeOffset? archivedAt) =>
            archivedAt.HasValue && _archived.TryGetValue(kind.Noun + "/" + id, out DateTimeOffset seen) && seen == archivedAt.Value;
    }
}
