using System;
using System.Management.Automation;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The progress bar of a listing (every cmdlet that pages through WalkPages): before each page is read, which page of
    /// how many and how many records so far ("page 2 of 4, 100 of 389 runs"); completed however the listing ends. Silent
    /// when $ProgressPreference says so (PowerShell drops the records).
    /// </summary>
    internal sealed class ListingProgress
    {
        /// <summary>One id for every listing (bulk calls use another), so a host shows one bar per listing.</summary>
        internal const int ActivityId = 0x7A12;

        private readonly Cmdlet _cmdlet;
        private readonly string _activity;
        private readonly string _nouns;
        private bool _shown;

        internal ListingProgress(Cmdlet cmdlet, string nouns)
        {
            _cmdlet = cmdlet;
            _nouns = nouns;
            _activity = $"Listing Tallyfy {nouns}";
        }

        /// <summary>"run" as "runs", "activity entry" as "activity entries".</summary>
        internal static string Plural(string noun) =>
            noun.EndsWith("y", StringComparison.Ordinal) ? noun.Substring(0, noun.Length - 1) + "ies" : noun + "s";

        /// <summary>Says that page <paramref name="page"/> is being read, with <paramref name="written"/> records written so far.</summary>
        /// <param name="expected">How many records the listing will write, where known (the service's total, -Skip and -First applied).</param>
        /// <param name="pages">How many pages the listing will read, where known.</param>
        internal void Reading(int page, int? pages, ulong written, ulong? expected)
        {
            string status = pages.HasValue && expected.HasValue
                ? $"page {page} of {Math.Max(page, pages.Value)}, {written} of {expected} {_nouns}"
                : $"page {page}, {written} {_nouns} so far";
            var record = new ProgressRecord(ActivityId, _activity, status);
            if (expected > 0)
            {
                record.PercentComplete = (int)Math.Min(100, 100UL * written / expected.Value);
            }

            _shown = true;
            _cmdlet.WriteProgress(record);
        }

        /// <summary>Ends the bar (if one was shown); quiet when the pipeline is already stopping.</summary>
        internal void Complete()
        {
            if (!_shown)
            {
                return;
            }

            _shown = false;
            try
            {
                _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (Exception ex) when (ex is PipelineStoppedException || ex is PSInvalidOperationException)
            {
                // Ctrl+C or a stopped pipeline: the bar goes with it.
            }
        }
    }
}
