using System;
using System.Collections.Generic;
using System.Linq;

namespace TallyfyPS.Client
{
    /// <summary>
    /// The verbs of Tallyfy's activity feed: Tallyfy's documented list (the contract's Activity feed section). -Verb
    /// takes these only (a misspelt verb would match nothing, silently); completion offers them.
    /// </summary>
    internal static class ActivityVerbs
    {
        public static IReadOnlyList<string> All { get; } = new[]
        {
            "archived", "comment-deleted", "commented", "completed", "created", "deleted", "disabled", "emitted", "enabled",
            "invite-accepted", "invited", "issue-reported", "issue-resolved", "linked", "owners-updated", "re-opened",
            "re-ordered", "unarchived", "uncompleted", "unlinked", "updated", "uploaded",
        };

        private static readonly HashSet<string> Known = new HashSet<string>(All, StringComparer.OrdinalIgnoreCase);

        public static bool IsKnown(string verb) => Known.Contains(verb.Trim());

        /// <summary>The verb a misspelt one most likely meant (null when none is near).</summary>
        public static string? Nearest(string verb) => Typos.Nearest(verb, All);
    }
}
