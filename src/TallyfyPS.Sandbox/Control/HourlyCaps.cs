using System;
using System.Collections.Generic;

namespace TallyfyPS.Sandbox;

/// <summary>
/// The hourly caps per organization (Tallyfy: 120 comment posts and 30 guest invites an hour): a rolling window of
/// the times each counted action was taken. A slot is taken before the action and given back when the action did not
/// happen (an answer other than 2xx), so only what Tallyfy did counts. Times are the sandbox clock's (movable).
/// </summary>
public sealed class HourlyCaps
{
    public const string Comments = "comments";
    public const string GuestInvites = "guest-invites";

    private readonly object _gate = new object();
    private readonly Dictionary<string, List<Slot>> _taken = new Dictionary<string, List<Slot>>(StringComparer.Ordinal);

    /// <summary>One counted action, given back with <see cref="Release"/> when it did not happen.</summary>
    public sealed class Slot
    {
        internal Slot(string key, DateTime at)
        {
            Key = key;
            At = at;
        }

        internal string Key { get; }
        internal DateTime At { get; }
    }

    /// <summary>Takes <paramref name="count"/> slots, or none: null and the seconds until enough free up when the cap is reached.</summary>
    public (IReadOnlyList<Slot>? Slots, int RetryAfterSeconds) TryTake(string organizationId, string cap, int count, int limit, TimeSpan window, DateTime now)
    {
        string key = organizationId + "\n" + cap;
        lock (_gate)
        {
            if (!_taken.TryGetValue(key, out var list))
            {
                list = new List<Slot>();
                _taken[key] = list;
            }

            list.RemoveAll(s => now - s.At >= window);
            if (count <= 0)
            {
                return (Array.Empty<Slot>(), 0);
            }

            if (list.Count + count > limit)
            {
                // Enough slots free up when the oldest ones leave the window.
                int needed = Math.Min(list.Count, list.Count + count - limit);
                DateTime frees = needed == 0 ? now : list[needed - 1].At + window;
                return (null, Math.Max(1, (int)Math.Ceiling((frees - now).TotalSeconds)));
            }

            var slots = new List<Slot>();
            for (int i = 0; i < count; i++)
            {
                var slot = new Slot(key, now);
                list.Add(slot);
                slots.Add(slot);
            }

            return (slots, 0);
        }
    }

    /// <summary>Gives slots back: the action they were taken for did not happen.</summary>
    public void Release(IEnumerable<Slot> slots)
    {
        lock (_gate)
        {
            foreach (var slot in slots)
            {
                if (_taken.TryGetValue(slot.Key, out var list))
                {
                    list.Remove(slot);
                }
            }
        }
    }

    /// <summary>How many slots of a cap the window holds now (for tests and the control surface).</summary>
    public int Count(string organizationId, string cap, TimeSpan window, DateTime now)
    {
        lock (_gate)
        {
            return _taken.TryGetValue(organizationId + "\n" + cap, out var list) ? list.FindAll(s => now - s.At < window).Count : 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _taken.Clear();
        }
    }
}
