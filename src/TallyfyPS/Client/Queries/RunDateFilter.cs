using System;
using System.Collections.Generic;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Retention filters on the dates of runs ("completed before", ...). Tallyfy's run listing has no date filter, so the
    /// client applies them to every run it lists; a run without the date (not completed, not archived) never matches.
    /// Where one of the dates is one the service sorts by, the listing asks for that order, and <see cref="NewEnd"/>
    /// tells when paging can stop: only once the order the service answered has been seen to hold.
    /// </summary>
    internal sealed class RunDateFilter
    {
        public DateTimeOffset? CompletedBefore { get; set; }

        public DateTimeOffset? CreatedBefore { get; set; }

        public DateTimeOffset? LastUpdatedBefore { get; set; }

        public DateTimeOffset? ArchivedBefore { get; set; }

        public bool IsEmpty => CompletedBefore is null && CreatedBefore is null && LastUpdatedBefore is null && ArchivedBefore is null;

        /// <summary>True when the run matches every date given (each strictly before its cutoff).</summary>
        public bool Matches(TallyfyRun run) =>
            Before(run.CompletedAt, CompletedBefore) && Before(run.CreatedAt, CreatedBefore) &&
            Before(run.LastUpdated, LastUpdatedBefore) && Before(run.ArchivedAt, ArchivedBefore);

        /// <summary>
        /// The ascending sort to ask for, so that the matches come first: completed_at, created_at or last_updated
        /// (the first of those given). Null when only -ArchivedBefore is given (Tallyfy does not sort by it).
        /// </summary>
        public string? Sort => SortField?.Name;

        private DateField? SortField =>
            CompletedBefore is DateTimeOffset completed ? new DateField("completed_at", completed, r => r.CompletedAt, nullsLast: true)
            : CreatedBefore is DateTimeOffset created ? new DateField("created_at", created, r => r.CreatedAt, nullsLast: false)
            : LastUpdatedBefore is DateTimeOffset updated ? new DateField("last_updated", updated, r => r.LastUpdated, nullsLast: false)
            : null;

        /// <summary>A tracker for one listing, or null when the listing must be read to its end.</summary>
        public ListingEnd? NewEnd() => SortField is DateField field ? new ListingEnd(field) : null;

        /// <summary>A filter that the human reads: "completed before 2025-12-01T00:00:00Z, archived before ...".</summary>
        public override string ToString()
        {
            var parts = new List<string>();
            void Add(string what, DateTimeOffset? when)
            {
                if (when is DateTimeOffset w)
                {
                    parts.Add($"{what} before {w.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
                }
            }

            Add("completed", CompletedBefore);
            Add("created", CreatedBefore);
            Add("last updated", LastUpdatedBefore);
            Add("archived", ArchivedBefore);
            return string.Join(", ", parts);
        }

        private static bool Before(TallyfyTimestamp? value, DateTimeOffset? cutoff) =>
            cutoff is null || (value != null && value.Value < cutoff.Value);

        internal sealed class DateField
        {
            public DateField(string name, DateTimeOffset cutoff, Func<TallyfyRun, TallyfyTimestamp?> of, bool nullsLast)
            {
                Name = name;
                Cutoff = cutoff;
                Of = of;
                NullsLast = nullsLast;
            }

            public string Name { get; }

            public DateTimeOffset Cutoff { get; }

            public Func<TallyfyRun, TallyfyTimestamp?> Of { get; }

            /// <summary>Runs without the date come after all others (completed_at: runs not completed).</summary>
            public bool NullsLast { get; }
        }

        /// <summary>
        /// Watches one sorted listing page by page. Paging stops after a whole page past the cutoff, and only when every
        /// run seen so far came in ascending order with at least one step up: a service that ignored the sort (and
        /// answered newest first, say) shows it on its first page, and is then read to the end.
        /// </summary>
        public sealed class ListingEnd
        {
            private readonly DateField _field;
            private DateTimeOffset? _last;
            private bool _lastWasNull;
            private bool _rose;
            private bool _disordered;

            internal ListingEnd(DateField field) => _field = field;

            /// <summary>False once the service's order was seen not to hold: the listing is read to its end.</summary>
            public bool OrderHolds => !_disordered;

            /// <summary>Takes one page, in the order the service answered; true when no later page can hold a match.</summary>
            public bool IsPast(IReadOnlyList<TallyfyRun> page)
            {
                bool allPast = page.Count > 0;
                foreach (TallyfyRun run in page)
                {
                    TallyfyTimestamp? value = _field.Of(run);
                    if (value is null)
                    {
                        if (!_field.NullsLast)
                        {
                            _disordered = true; // a run without the date: no order to rely on
                        }

                        _lastWasNull = true;
                        continue; // past the cutoff too: a run without the date never matches
                    }

                    if (_lastWasNull || (_last is DateTimeOffset last && value.Value < last))
                    {
                        _disordered = true;
                    }
                    else if (_last is DateTimeOffset previous && value.Value > previous)
                    {
                        _rose = true;
                    }

                    _last = value.Value;
                    if (value.Value < _field.Cutoff)
                    {
                        allPast = false;
                    }
                }

                return allPast && _rose && !_disordered;
            }
        }
    }
}
