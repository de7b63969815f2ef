using System.Collections.Generic;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>
    /// A run as just read for an update: its members and groups (sent back with every update, which would otherwise
    /// remove them) and the definitions of its kick-off fields.
    /// </summary>
    internal sealed class RunSnapshot
    {
        public RunSnapshot(TallyfyRun run, IReadOnlyList<long> users, IReadOnlyList<string> groups, IReadOnlyList<TallyfyFieldDefinition> kickoffFields)
        {
            Run = run;
            Users = users;
            Groups = groups;
            KickoffFields = kickoffFields;
        }

        public TallyfyRun Run { get; }

        /// <summary>The member ids assigned to the run.</summary>
        public IReadOnlyList<long> Users { get; }

        /// <summary>The group ids assigned to the run.</summary>
        public IReadOnlyList<string> Groups { get; }

        public IReadOnlyList<TallyfyFieldDefinition> KickoffFields { get; }
    }
}
