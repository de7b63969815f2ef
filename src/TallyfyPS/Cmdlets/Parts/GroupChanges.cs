using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>A group named by id or name (or a new one), with the group as a read just before the change showed it.</summary>
    internal sealed class GroupTarget
    {
        public GroupTarget(string selector) => Selector = selector;

        /// <summary>The id or name given.</summary>
        public string Selector { get; }

        /// <summary>The group as the organization has it now; null when none has this id or name (or for a new one, until made).</summary>
        public TallyfyGroup? Group { get; set; }

        /// <summary>A group that has the name asked for already (New-TallyfyGroup, a rename).</summary>
        public TallyfyGroup? NameTaken { get; set; }

        /// <summary>What will be sent (New-TallyfyGroup) or was merged (Set-TallyfyGroup).</summary>
        public string Name { get; set; } = string.Empty;
        public string Description { get; set; } = string.Empty;
        public List<long> Members { get; set; } = new List<long>();
        public List<string> Guests { get; set; } = new List<string>();

        /// <summary>"+1004 -1002 +sam.lee@northwind.example".</summary>
        public string? Changes { get; set; }
    }

    /// <summary>
    /// What New-, Set- and Remove-TallyfyGroup share: people named by id, email or object resolved through the session's
    /// people directory (no other resolver), a fresh read of the groups before deciding, and the result.
    /// </summary>
    internal static class GroupChanges
    {
        /// <summary>
        /// Members (user ids, emails, users) and guests (emails, guests) resolved; the error when any names no one the
        /// organization has (an email that is no one's is refused: a group update does not create guests).
        /// </summary>
        public static ErrorRecord? Resolve(TallyfyCmdlet cmdlet, string organizationId, object?[]? members, object?[]? guests, string memberParameter, string guestParameter,
            out List<long> memberIds, out List<string> guestEmails, object? target = null)
        {
            PeopleDirectory people = cmdlet.Ops.People(organizationId);
            ResolvedOwners m = cmdlet.Await(cmdlet.Start(c => people.ResolveAsync(Plain(members), OwnerKinds.Users, c)));
            ResolvedOwners g = cmdlet.Await(cmdlet.Start(c => people.ResolveAsync(Plain(guests), OwnerKinds.Guests, c)));
            memberIds = m.Users.Distinct().ToList();
            guestEmails = g.Guests.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (m.Unresolved.Count > 0)
            {
                return Errors.PeopleNotFound(memberParameter, m.Unresolved, target);
            }

            if (g.Users.Count > 0)
            {
                g.Unresolved.AddRange(g.Users.Select(id => new KeyValuePair<string, string>(id.ToString(CultureInfo.InvariantCulture), $"it is a member, not a guest: pass it with {memberParameter}")));
            }

            return g.Unresolved.Count > 0 ? Errors.PeopleNotFound(guestParameter, g.Unresolved, target) : null;
        }

        private static object?[] Plain(object?[]? values) => (values ?? Array.Empty<object?>()).Select(v => v is PSObject ps ? ps.BaseObject : v).ToArray();

        /// <summary>The read before deciding: the organization's groups as they are now, the group named found among them.</summary>
        public static Func<RequestCounter, Task<RecordState>> Prepare(TallyfyOperations ops, string organizationId, WorkItem<GroupTarget> item, string? nameWanted = null) => async counter =>
        {
            IReadOnlyList<TallyfyGroup> groups = await ops.GroupsNowAsync(organizationId, counter.Context).ConfigureAwait(false);
            string s = item.State.Selector;
            item.State.Group = groups.FirstOrDefault(g => string.Equals(g.Id, s, StringComparison.OrdinalIgnoreCase))
                ?? groups.FirstOrDefault(g => string.Equals(g.Name, s, StringComparison.OrdinalIgnoreCase));
            item.State.NameTaken = nameWanted is null ? null
                : groups.FirstOrDefault(g => g != item.State.Group && string.Equals(g.Name, nameWanted, StringComparison.OrdinalIgnoreCase));
            return new RecordState(KnownState.Unknown, item.State.Group?.Name ?? item.Name);
        };

        /// <summary>"+1004 -1002 +sam@... -olga@..." between two states; null when they are the same.</summary>
        public static string? Difference(IEnumerable<long> beforeMembers, IEnumerable<string> beforeGuests, IEnumerable<long> members, IEnumerable<string> guests)
        {
            var parts = new List<string>();
            parts.AddRange(members.Except(beforeMembers).Select(id => "+" + id.ToString(CultureInfo.InvariantCulture)));
            parts.AddRange(beforeMembers.Except(members).Select(id => "-" + id.ToString(CultureInfo.InvariantCulture)));
            parts.AddRange(guests.Except(beforeGuests, StringComparer.OrdinalIgnoreCase).Select(e => "+" + e));
            parts.AddRange(beforeGuests.Except(guests, StringComparer.OrdinalIgnoreCase).Select(e => "-" + e));
            return parts.Count == 0 ? null : string.Join(" ", parts);
        }

        public static TallyfyGroupChangeResult Result(WorkItem<GroupTarget> item, GroupOutcome? outcome, string action, TallyfyGroupChangeStatus done, TallyfyGroupChangeStatus already)
        {
            TallyfyGroup? group = outcome?.Record ?? item.State.Group;
            bool sentState = outcome?.Status == ChangeStatus.Done && action != "Remove";
            return new TallyfyGroupChangeResult
            {
                GroupId = group?.Id ?? string.Empty,
                Name = group?.Name ?? (item.State.Name.Length > 0 ? item.State.Name : item.State.Selector),
                Action = action,
                MemberIds = new TallyfyList<long>(group?.MemberIds ?? (IEnumerable<long>)item.State.Members),
                Guests = new TallyfyList<string>(group?.Guests ?? (IEnumerable<string>)item.State.Guests),
                Changes = sentState || action == "Remove" ? item.State.Changes : null,
                Group = outcome?.Record,
                Status = outcome is null ? TallyfyGroupChangeStatus.Refused : outcome.Status switch
                {
                    ChangeStatus.Done => done,
                    ChangeStatus.Existing => already,
                    ChangeStatus.NotFound => TallyfyGroupChangeStatus.NotFound,
                    ChangeStatus.Forbidden => TallyfyGroupChangeStatus.Forbidden,
                    ChangeStatus.Skipped => TallyfyGroupChangeStatus.Skipped,
                    ChangeStatus.NotAttempted => TallyfyGroupChangeStatus.NotAttempted,
                    ChangeStatus.Unknown => TallyfyGroupChangeStatus.Unknown,
                    _ => TallyfyGroupChangeStatus.Failed,
                },
            };
        }

        /// <summary>One item per group given by -Name or -Id.</summary>
        public static IEnumerable<WorkItem<GroupTarget>> Items(IEnumerable<string>? selectors) =>
            (selectors ?? Array.Empty<string>()).Select(raw =>
            {
                string s = raw.Trim();
                return new WorkItem<GroupTarget>(s, raw, new GroupTarget(s)) { Known = new RecordState(KnownState.Unknown, SandboxLike(s) ? null : s) };
            });

        private static bool SandboxLike(string s) => Ids.Normalize(s) != null;

        public static ItemWords Describe(WorkItem<GroupTarget> item)
        {
            TallyfyGroup? g = item.State.Group;
            string who = g is null ? $"'{item.State.Selector}'" : $"'{g.Name}' ({g.Id})";
            return new ItemWords("group " + who, "Group " + who, $"Check with Get-TallyfyGroup -Name '{g?.Name ?? item.State.Selector}'.");
        }
    }
}
