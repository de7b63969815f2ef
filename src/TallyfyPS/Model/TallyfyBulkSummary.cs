using System;
using System.Collections.Generic;

namespace TallyfyPS.Model
{
    /// <summary>The closing summary of a bulk call, sent to the Information stream (tags TallyfyPS, Summary).</summary>
    public sealed class TallyfyBulkSummary
    {
        private readonly string _text;

        internal TallyfyBulkSummary(string command, int total, IDictionary<string, int> counts, TimeSpan elapsed, string text)
        {
            Command = command;
            Total = total;
            Counts = counts;
            Elapsed = elapsed;
            _text = text;
        }

        public string Command { get; }
        public int Total { get; }
        public IDictionary<string, int> Counts { get; }
        public TimeSpan Elapsed { get; }

        public override string ToString() => _text;
    }
}
