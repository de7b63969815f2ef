using System;
using System.Collections.Concurrent;
using System.Threading;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Whether a task object's status can be trusted without reading the task again. Completing a completed task
    /// makes Tallyfy complete it again and re-send its notifications, so a completion that trusts a stale object
    /// (kept in a variable, exported and imported, piped a second time) notifies everyone twice. A task object is
    /// trusted only while it is fresh (read within <see cref="TrustFor"/>) and only when this session has not
    /// completed or reopened that task since it was read. One instance per session.
    /// </summary>
    internal sealed class TaskReadTrust
    {
        /// <summary>How long after its read a task object's status is taken as it is.</summary>
        public static readonly TimeSpan TrustFor = TimeSpan.FromSeconds(10);

        private readonly ConcurrentDictionary<string, DateTime> _changed = new ConcurrentDictionary<string, DateTime>(StringComparer.OrdinalIgnoreCase);
        private readonly Func<DateTime> _utcNow;

        public TaskReadTrust()
            : this(() => DateTime.UtcNow)
        {
        }

        /// <param name="utcNow">The clock (tests pass their own).</param>
        public TaskReadTrust(Func<DateTime> utcNow)
        {
            _utcNow = utcNow ?? throw new ArgumentNullException(nameof(utcNow));
        }

        /// <summary>The session is about to send a change of the task's status: objects read before now are stale.</summary>
        public void Changing(string taskId)
        {
            DateTime now = _utcNow();
            _changed[taskId] = now;
            if (_changed.Count > Volatile.Read(ref _pruneAbove))
            {
                // A change older than TrustFor decides nothing: every object read before it is too old to trust anyway.
                foreach (var entry in _changed)
                {
                    if (now - entry.Value > TrustFor)
                    {
                        _changed.TryRemove(entry.Key, out _);
                    }
                }

                // Amortized: the next sweep waits until the kept changes have doubled.
                Volatile.Write(ref _pruneAbove, Math.Max(MinPruneAbove, 2 * _changed.Count));
            }
        }

        /// <summary>How many changes are remembered (for tests).</summary>
        internal int Remembered => _changed.Count;

        private const int MinPruneAbove = 1024;
        private int _pruneAbove = MinPruneAbove;

        /// <summary>Whether <paramref name="task"/>'s status may be used as it is.</summary>
        public bool IsCurrent(TallyfyTask task)
        {
            DateTime now = _utcNow();
            if (task.ReadAtUtc == default || now - task.ReadAtUtc > TrustFor || task.ReadAtUtc > now)
            {
                return false;
            }

            return !(_changed.TryGetValue(task.Id, out DateTime changed) && changed >= task.ReadAtUtc);
        }
    }
}
