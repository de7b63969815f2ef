using System;
using System.Collections.Generic;
using System.Linq;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client
{
    public class RunDateFilterTests
    {
        private static readonly DateTimeOffset Cutoff = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private static TallyfyRun Run(int completedDaysFromCutoff) => new TallyfyRun
        {
            Id = Guid.NewGuid().ToString("n"),
            CompletedAt = new TallyfyTimestamp(Cutoff.AddDays(completedDaysFromCutoff)),
            CreatedAt = new TallyfyTimestamp(Cutoff.AddDays(completedDaysFromCutoff - 10)),
        };

        private static TallyfyRun Open() => new TallyfyRun { Id = Guid.NewGuid().ToString("n"), CreatedAt = new TallyfyTimestamp(Cutoff) };

        [Fact]
        public void A_run_matches_only_when_every_given_date_is_before_its_cutoff()
        {
            var filter = new RunDateFilter { CompletedBefore = Cutoff, CreatedBefore = Cutoff.AddDays(-15) };
            Assert.True(filter.Matches(Run(-6)));      // completed 6 days before, created 16 days before
            Assert.False(filter.Matches(Run(-4)));     // created 14 days before: too late
            Assert.False(filter.Matches(Run(0)));      // completed at the cutoff: not before it
            Assert.False(filter.Matches(Open()));      // never completed: never matches
            Assert.True(new RunDateFilter().Matches(Open()));
        }

        [Fact]
        public void An_archived_before_filter_needs_an_archived_date_and_sorts_nothing()
        {
            var filter = new RunDateFilter { ArchivedBefore = Cutoff };
            Assert.False(filter.Matches(Run(-5)));
            Assert.True(filter.Matches(new TallyfyRun { ArchivedAt = new TallyfyTimestamp(Cutoff.AddSeconds(-1)) }));
            Assert.Null(filter.Sort);
            Assert.Null(filter.NewEnd());
        }

        [Theory]
        [InlineData("completed_at", true, false, false)]
        [InlineData("created_at", false, true, false)]
        [InlineData("last_updated", false, false, true)]
        public void Sorts_by_the_first_date_given_that_the_service_sorts_by(string sort, bool completed, bool created, bool updated)
        {
            var filter = new RunDateFilter
            {
                CompletedBefore = completed ? Cutoff : (DateTimeOffset?)null,
                CreatedBefore = created ? Cutoff : (DateTimeOffset?)null,
                LastUpdatedBefore = updated || created ? Cutoff : (DateTimeOffset?)null,
                ArchivedBefore = Cutoff,
            };
            Assert.Equal(sort, filter.Sort);
        }

        [Fact]
        public void Stops_after_a_whole_page_past_the_cutoff_once_the_order_was_seen_to_rise()
        {
            RunDateFilter.ListingEnd end = new RunDateFilter { CompletedBefore = Cutoff }.NewEnd()!;
            Assert.False(end.IsPast(new[] { Run(-9), Run(-5), Run(-1) }));
            Assert.False(end.IsPast(new[] { Run(-1), Run(2) }));            // a match on the page: go on
            Assert.True(end.IsPast(new[] { Run(3), Run(4), Open() }));      // past, and runs not completed come last
            Assert.True(end.OrderHolds);
        }

        [Fact]
        public void Never_stops_on_a_first_page_that_did_not_show_the_order()
        {
            // One run past the cutoff, or runs of one date: nothing says the service sorted at all.
            Assert.False(new RunDateFilter { CompletedBefore = Cutoff }.NewEnd()!.IsPast(new[] { Run(5) }));
            Assert.False(new RunDateFilter { CompletedBefore = Cutoff }.NewEnd()!.IsPast(new[] { Run(5), Run(5), Run(5) }));
        }

        [Fact]
        public void A_service_that_ignored_the_sort_is_read_to_the_end()
        {
            // Newest first, as Tallyfy answers by default: the first page shows it, and no later page stops the listing.
            RunDateFilter.ListingEnd end = new RunDateFilter { CompletedBefore = Cutoff }.NewEnd()!;
            Assert.False(end.IsPast(new[] { Run(9), Run(7), Run(6) }));
            Assert.False(end.OrderHolds);
            Assert.False(end.IsPast(new[] { Run(5), Run(8), Run(10) }));
        }

        [Fact]
        public void A_run_without_the_date_before_others_breaks_the_order()
        {
            RunDateFilter.ListingEnd completed = new RunDateFilter { CompletedBefore = Cutoff }.NewEnd()!;
            Assert.False(completed.IsPast(new[] { Open(), Run(2), Run(3) }));
            Assert.False(completed.OrderHolds);

            RunDateFilter.ListingEnd updated = new RunDateFilter { LastUpdatedBefore = Cutoff }.NewEnd()!;
            Assert.False(updated.IsPast(new List<TallyfyRun> { new TallyfyRun(), new TallyfyRun() }));
            Assert.False(updated.OrderHolds);
        }

        [Fact]
        public void Describes_itself_in_UTC()
        {
            Assert.Equal("completed before 2026-01-01T00:00:00Z, archived before 2025-12-31T23:00:00Z",
                new RunDateFilter { CompletedBefore = Cutoff, ArchivedBefore = Cutoff.AddHours(-1) }.ToString());
        }
    }
}
