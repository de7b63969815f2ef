using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// What tab completion offers from the service (emails, tag titles, folder names, blueprints), read once per
    /// session and kept for a minute, so pressing Tab again costs nothing. Bounded (2 seconds a read) and silent:
    /// no session, no network or any failure completes nothing, and a failure is not kept.
    /// </summary>
    internal static class CompletionCache
    {
        private const int MaxResults = 25;
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
        private static readonly ConditionalWeakTable<TallyfySession, Entries> Sessions = new ConditionalWeakTable<TallyfySession, Entries>();

        /// <summary>Candidates for completion: the value completed, the text listed, and a tooltip.</summary>
        internal readonly struct Candidate
        {
            public Candidate(string value, string? tooltip, params string?[] alsoMatches)
            {
                Value = value;
                Tooltip = string.IsNullOrEmpty(tooltip) ? value : tooltip!;
                AlsoMatches = alsoMatches;
            }

            public string Value { get; }
            public string Tooltip { get; }
            public string?[] AlsoMatches { get; }
        }

        /// <summary>
        /// Completes <paramref name="wordToComplete"/> from a list read through <paramref name="read"/> (once per
        /// session and <paramref name="key"/>, for a minute): values that start with the word first, then values (or
        /// their other names) that contain it.
        /// </summary>
        public static IEnumerable<CompletionResult> Complete(string key, string? wordToComplete, IDictionary? fakeBoundParameters,
            Func<TallyfyOperations, string, CallContext, Task<IReadOnlyList<Candidate>>> read)
        {
            try
            {
                TallyfySession? session = SessionOf(fakeBoundParameters);
                TallyfyOperations? api = session is null || session.IsDisconnected ? null : SessionStore.ConnectionOf(session);
                if (api is null)
                {
                    return Array.Empty<CompletionResult>();
                }

                string org = (fakeBoundParameters?["OrganizationId"] as string) is string o && Ids.Normalize(o) is string given ? given : session!.OrganizationId;
                IReadOnlyList<Candidate> all = Cached(session!, org + "|" + key, () =>
                {
                    using var timeout = new CancellationTokenSource(Budget);
                    using var context = new CallContext(timeout.Token);
                    return read(api, org, context).GetAwaiter().GetResult();
                });
                string word = (wordToComplete ?? string.Empty).Trim('\'', '"', ' ');
                return all.Where(c => c.Value.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                    .Concat(all.Where(c => !c.Value.StartsWith(word, StringComparison.OrdinalIgnoreCase) &&
                        (c.Value.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0 ||
                         c.AlsoMatches.Any(m => m != null && m.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))))
                    .Take(MaxResults)
                    .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, c.Tooltip))
                    .ToArray();
            }
            catch (Exception)
            {
                // Completion must never disturb typing.
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>The session typed on the line (-Session), else the current one.</summary>
        public static TallyfySession? SessionOf(IDictionary? fakeBoundParameters) =>
            (fakeBoundParameters?["Session"] as PSObject)?.BaseObject as TallyfySession
            ?? fakeBoundParameters?["Session"] as TallyfySession
            ?? SessionStore.Current;

        /// <summary>A value as it can be typed: bare when it is a plain word (an email is), else in single quotes.</summary>
        public static string Quote(string value)
        {
            bool plain = value.Length > 0 && value[0] != '@' && value[0] != '-' &&
                value.All(c => char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '@' || c == '+' || c == '-');
            return plain ? value : "'" + value.Replace("'", "''") + "'";
        }

        private static IReadOnlyList<Candidate> Cached(TallyfySession session, string key, Func<IReadOnlyList<Candidate>> read)
        {
            Entries entries = Sessions.GetValue(session, _ => new Entries());
            lock (entries)
            {
                if (entries.Items.TryGetValue(key, out (DateTime At, IReadOnlyList<Candidate> List) known) && DateTime.UtcNow - known.At < Lifetime)
                {
                    return known.List;
                }
            }

            IReadOnlyList<Candidate> list = read(); // a failure throws, and nothing is kept
            lock (entries)
            {
                entries.Items[key] = (DateTime.UtcNow, list);
            }

            return list;
        }

        /// <summary>Forgets what completion read for a session (after the cmdlets changed it: a new tag, a deleted one).</summary>
        public static void Forget(TallyfySession session, string key)
        {
            if (Sessions.TryGetValue(session, out Entries? entries))
            {
                lock (entries)
                {
                    foreach (string k in entries.Items.Keys.Where(k => k.EndsWith("|" + key, StringComparison.Ordinal)).ToList())
                    {
                        entries.Items.Remove(k);
                    }
                }
            }
        }

        private sealed class Entries
        {
            public Dictionary<string, (DateTime At, IReadOnlyList<Candidate> List)> Items { get; } = new Dictionary<string, (DateTime, IReadOnlyList<Candidate>)>(StringComparer.OrdinalIgnoreCase);
        }
    }
}
