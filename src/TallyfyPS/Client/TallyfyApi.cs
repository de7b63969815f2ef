using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Tallyfy's API as TallyfyPS uses it, the wire only: every path, query key, with= value, request body and answer
    /// mapping lives here (and in <see cref="Paths"/>, <see cref="RunQuery"/>, <see cref="TaskQuery"/>, <see cref="Mapper"/>):
    /// reads, lists and single requests. What a change means (verification, outcomes, ledgers, backups) is in
    /// Operations (<c>TallyfyOperations</c>), which uses this. One instance per session.
    /// </summary>
    internal sealed partial class TallyfyApi : IDisposable
    {
        public TallyfyApi(TallyfyClient http)
        {
            Http = http ?? throw new ArgumentNullException(nameof(http));
        }

        /// <summary>The HTTP client underneath (its options: base URI, retries, timeout).</summary>
        public TallyfyClient Http { get; }

        public void Dispose() => Http.Dispose();

        internal static TallyfyTask OfRun(TallyfyTask task, string runId)
        {
            if (task.RunId is null)
            {
                task.RunId = runId;
                task.IsOneOff = false;
            }

            return task;
        }

        /// <summary>The service's largest page, or less when the caller takes fewer records.</summary>
        internal static int PageSize(ulong first) => (int)Math.Max(1, Math.Min(first, Paths.MaxPageSize));

        internal static long Skipped(ulong skip) => (long)Math.Min(skip, int.MaxValue);

        internal static IReadOnlyList<KeyValuePair<string, string>>? WithQuery(string? with) =>
            with is null ? null : new[] { new KeyValuePair<string, string>("with", with) };
    }
}
