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
    /// Gets the organization's members: by user id, or listed with filters (-Email and -Name take wildcards,
    /// -Role and -Status sets), streaming page by page. The service's default page for this list is everyone at
    /// once (9999); TallyfyPS always reads pages of 100.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyUser", HelpUri = HelpLinks.Base + "Get-TallyfyUser.md", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(TallyfyUser))]
    public sealed class GetTallyfyUserCommand : SessionCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private Dictionary<long, TallyfyUser>? _members;

        /// <summary>User ids of members.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = IdSet)]
        [Alias("UserId", "user_id")]
        public long[]? Id { get; set; }

        /// <summary>Only members whose email matches (wildcards allowed).</summary>
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public string[]? Email { get; set; }

        /// <summary>Only members whose name (or username) matches (wildcards allowed).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Only members with these roles.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("admin", "standard", "light", IgnoreCase = true)]
        public string[]? Role { get; set; }

        /// <summary>Only members in these states.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("active", "invited", "disabled", IgnoreCase = true)]
        public string[]? Status { get; set; }

        /// <summary>Read the groups each member is in (GroupIds).</summary>
        [Parameter]
        public SwitchParameter IncludeGroups { get; set; }

        /// <summary>At most this many members.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong First { get; set; } = ulong.MaxValue;

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (ParameterSetName == ListSet)
            {
                List();
                return;
            }

            if (_members is null)
            {
                // One reading of the member list for the whole call, whoever reads: GET /users/{id} is for administrators only.
                try
                {
                    string org = Organization;
                    TallyfyApi api = Api;
                    bool groups = IncludeGroups;
                    IReadOnlyList<TallyfyUser> all = Run(context => api.ListUsers(org, null, groups).AllAsync(context));
                    _members = new Dictionary<long, TallyfyUser>();
                    foreach (TallyfyUser user in all)
                    {
                        _members[user.Id] = user;
                    }
                }
                catch (TallyfyApiException ex)
                {
                    ThrowTerminatingError(Errors.ListFailed(ex, Noun.User));
                }
            }

            foreach (long id in Id ?? Array.Empty<long>())
            {
                if (_members!.TryGetValue(id, out TallyfyUser? user))
                {
                    WriteObject(user);
                }
                else
                {
                    WriteError(Errors.UserNotFound(id, Organization));
                }
            }
        });

        protected override void EndProcessing() => Completed();

        private void List()
        {
            var email = new WildcardFilter("-Email", Email);
            var name = new WildcardFilter("-Name", Name);
            var roles = new HashSet<string>((Role ?? Array.Empty<string>()).Select(r => r.ToLowerInvariant()));
            var statuses = new HashSet<string>((Status ?? Array.Empty<string>()).Select(s => s.ToLowerInvariant()));
            bool filtered = email.IsActive || name.IsActive || roles.Count > 0 || statuses.Count > 0;
            string? search = email.SearchTerm ?? name.SearchTerm;
            ulong kept = 0;
            PagedWalker<TallyfyUser> walker = Api.ListUsers(Organization, search, IncludeGroups, filtered ? ulong.MaxValue : First);
            WalkPages(walker, Noun.User, First, user =>
            {
                // Each filter sees every user, so each value's "matched anything" is known at the end.
                bool byEmail = email.Matches(user.Email);
                bool byName = name.Matches(user.Name, user.Username);
                bool keep = byEmail && byName &&
                    (roles.Count == 0 || (user.Role != null && roles.Contains(user.Role))) &&
                    (statuses.Count == 0 || (user.Status != null && statuses.Contains(user.Status)));
                if (keep)
                {
                    kept++;
                }

                return keep;
            });

            // A wildcard-free value that matched no one is an error, as for Get-Item; where both -Email and -Name
            // are given, the one list read was narrowed by only one of them, so neither is judged.
            if (kept < First && email.IsActive != name.IsActive)
            {
                foreach (WildcardFilter filter in new[] { email, name })
                {
                    foreach (string value in filter.Unmatched())
                    {
                        WriteError(Errors.NoMatch(Noun.User, filter.Parameter, value, Organization));
                    }
                }
            }
        }
    }
}
