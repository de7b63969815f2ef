using System.Collections.Generic;
using System.Linq;

namespace TallyfyPS.Client
{
    /// <summary>Owners resolved to what the API takes: user ids, guest emails, group ids; and what could not be resolved.</summary>
    internal sealed class ResolvedOwners
    {
        public List<long> Users { get; } = new List<long>();
        public List<string> Guests { get; } = new List<string>();
        public List<string> Groups { get; } = new List<string>();

        /// <summary>Each value that could not be resolved, with why.</summary>
        public List<KeyValuePair<string, string>> Unresolved { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>An email was refused only because it would be a new guest (-AllowNewGuest would take it).</summary>
        public bool NewGuestRefused { get; set; }

        public bool IsEmpty => Users.Count == 0 && Guests.Count == 0 && Groups.Count == 0;

        /// <summary>The user ids, each once.</summary>
        public long[] UserIds => Users.Distinct().ToArray();
    }
}
