using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Gets the organization's groups, by id or listed by name (wildcards), with their members as users where
    /// asked (-IncludeMembers).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyGroup", HelpUri = HelpLinks.Base + "Get-TallyfyGroup.md", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(TallyfyGroup))]
    public sealed class GetTallyfyGroupCommand : SessionCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private Dictionary<string, TallyfyGroup>? _groups;

        /// <summary>Ids of groups.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("GroupId", "group_id")]
        [AllowEmptyString]
        public string[]? Id { get; set; }

        /// <summary>Only groups whose name matches (wildcards allowed).</summary>
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Read each group's members as users (Members).</summary>
        [Parameter]
        [Alias("IncludeUsers")]
        public SwitchParameter IncludeMembers { get; set; }

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (ParameterSetName == ListSet)
            {
                List();
                return;
            }

            if (_groups is null)
            {
                // Tallyfy has no read of one group: the list (pages of 100) is read once for the call.
                _groups = new Dictionary<string, TallyfyGroup>(StringComparer.OrdinalIgnoreCase);
                foreach (TallyfyGroup group in ReadAll() ?? Array.Empty<TallyfyGroup>())
                {
                    _groups[group.Id] = group;
                }
            }

            foreach (string raw in Id ?? Array.Empty<string>())
            {
                string? id = Ids.Normalize(raw);
                if (id is null)
                {
                    WriteError(Errors.InvalidGroupId(raw));
                }
                else if (_groups.TryGetValue(id, out TallyfyGroup? group))
                {
                    WriteObject(WithMembers(group));
                }
                else
                {
                    WriteError(Errors.GroupNotFound(id, Organization));
                }
            }
        });

        protected override void EndProcessing() => Completed();

        private void List()
        {
            var name = new WildcardFilter("-Name", Name);
            PagedWalker<TallyfyGroup> walker = Api.ListGroups(Organization, name.SearchTerm, IncludeMembers);
            WalkPages(walker, Noun.Group, ulong.MaxValue, group =>
            {
                if (!name.Matches(group.Name))
                {
                    return false;
                }

                WithMembers(group); // fills it in place, before it is written
                return true;
            });

            foreach (string value in name.Unmatched())
            {
                WriteError(Errors.NoMatch(Noun.Group, "-Name", value, Organization));
            }
        }

        private IReadOnlyList<TallyfyGroup>? ReadAll()
        {
            string org = Organization;
            TallyfyApi api = Api;
            bool members = IncludeMembers;
            try
            {
                return Run(context => api.ListGroups(org, null, members).AllAsync(context));
            }
            catch (TallyfyApiException ex)
            {
                ThrowTerminatingError(Errors.ListFailed(ex, Noun.Group));
                return null;
            }
        }

        /// <summary>
        /// With -IncludeMembers, the group's members as users: as the service sent them (with=users), or, where it
        /// sent only their ids, from the session's list of members (read once per session).
        /// </summary>
        private TallyfyGroup WithMembers(TallyfyGroup group)
        {
            if (!IncludeMembers)
            {
                return group;
            }

            if (group.Members.Count == 0 && group.MemberIds.Count > 0)
            {
                PeopleDirectory people = Ops.People(Organization);
                try
                {
                    IReadOnlyList<TallyfyUser> all = Run(context => people.MembersAsync(context));
                    var byId = all.GroupBy(u => u.Id).ToDictionary(g => g.Key, g => g.First());
                    group.Members = new TallyfyList<TallyfyUser>(group.MemberIds.Where(byId.ContainsKey).Select(id => byId[id]));
                }
                catch (TallyfyApiException ex)
                {
                    WriteWarning($"The members of group '{group.Name}' could not be read as users ({ex.Message.TrimEnd('.')}); MemberIds has their ids.");
                }
            }
            else if (group.MemberIds.Count == 0 && group.Members.Count > 0)
            {
                group.MemberIds = new TallyfyList<long>(group.Members.Select(u => u.Id));
            }

            return group;
        }
    }
}
