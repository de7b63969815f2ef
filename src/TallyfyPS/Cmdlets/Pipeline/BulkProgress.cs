using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Progress of a bulk call (done / total, rate, time left; at most four updates a second, always completed)
    /// and its closing summary on the Information stream (tags TallyfyPS, Summary).
    /// </summary>
    internal sealed class BulkProgress
    {
        private const int ActivityId = 0x7A11;
        private readonly PSCmdlet _cmdlet;
        private readonly string _activity;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Stopwatch _sinceShown = Stopwatch.StartNew();
        private readonly Dictionary<string, int> _counts = new Dictionary<string, int>(StringComparer.Ordinal);
        private int? _expected;
        private bool _shown;

        public BulkProgress(PSCmdlet cmdlet, string activity)
        {
            _cmdlet = cmdlet;
            _activity = activity;
        }

        /// <summary>Items taken so far.</summary>
        public int Inputs { get; private set; }

        /// <summary>Counts one more input; <paramref name="knownTotal"/> when the call was given its items as an argument.</summary>
        public void Took(int count, int? knownTotal)
        {
            Inputs += count;
            if (knownTotal.HasValue)
            {
                _expected = (_expected ?? 0) + knownTotal.Value;
            }
        }

        /// <summary>Items whose result came from the journal (nothing sent for them).</summary>
        public int Replayed { get; set; }

        /// <summary>Counts an item's final status for the summary.</summary>
        public void Count(string status)
        {
            _counts.TryGetValue(status, out int n);
            _counts[status] = n + 1;
        }

        public void Show(int written)
        {
            if (written == 0 || _sinceShown.ElapsedMilliseconds < 250)
            {
                return;
            }

            _sinceShown.Restart();
            _shown = true;
            double rate = written / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            int? total = _expected.HasValue && _expected >= written ? _expected : null;
            var record = new ProgressRecord(ActivityId, _activity,
                total.HasValue ? $"{written} of {total} done ({rate:0.0}/s)" : $"{written} done ({rate:0.0}/s)");
            if (total > 0)
            {
                record.PercentComplete = Math.Min(100, (int)(100L * written / total.Value));
                record.SecondsRemaining = (int)Math.Ceiling((total.Value - written) / Math.Max(rate, 0.001));
            }

            _cmdlet.WriteProgress(record);
        }

        /// <summary>Ends the progress bar (if one was shown).</summary>
        public void Complete()
        {
            if (_shown)
            {
                _shown = false;
                _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>The closing summary of a call of more than one item (null for a single item, or none written).</summary>
        /// <param name="ending">Said after the counts ("; stopped before the end").</param>
        public TallyfyBulkSummary? Summary(string noun, string? ending = null)
        {
            if (Inputs <= 1 || _counts.Count == 0)
            {
                return null;
            }

            string command = _cmdlet.MyInvocation.MyCommand.Name;
            string parts = string.Join(", ", _counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Value} {kv.Key}"));
            return new TallyfyBulkSummary(command, Inputs, new Dictionary<string, int>(_counts), _clock.Elapsed,
                $"{command}: {Inputs} {noun}(s) in {_clock.Elapsed.TotalSeconds:0.00} s: {parts}{(Replayed > 0 ? $" ({Replayed} from the journal, not sent again)" : string.Empty)}{ending}.");
        }

        /// <summary>Writes the summary to the Information stream (tags TallyfyPS, Summary).</summary>
        public void WriteSummary(TallyfyBulkSummary? summary)
        {
            if (summary != null)
            {
                _cmdlet.WriteInformation(summary, new[] { "TallyfyPS", "Summary" });
            }
        }
    }
}
