using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of changing members, guests and groups.</summary>
    internal static partial class Errors
    {
        /// <summary>Tallyfy's 409 SEAT_POOL_EXHAUSTED: the seat pool (full: admin and standard; light) is used up.</summary>
        public static ErrorRecord SeatLimitReached(string subject, TallyfyApiException ex, object? target)
        {
            string pool = ex.Details.TryGetValue("pool_type", out string? p) && !string.IsNullOrEmpty(p) ? p : "full or light";
            string advice = pool == "light"
                ? "Free a light seat (Disable-TallyfyUser a light member who has left), or buy more light seats in Tallyfy's billing settings."
                : "Free a full seat (Disable-TallyfyUser an admin or standard member who has left), buy more full seats in Tallyfy's billing settings, or use the light role (-Role light) where it suits.";
            return New(ErrorIds.SeatLimitReached, ErrorCategory.QuotaExceeded, target,
                $"{subject}: the organization's {pool} seat pool is used up (Tallyfy answered 409 SEAT_POOL_EXHAUSTED: {ex.Message}). Nothing was changed." +
                (ex.RequestId != null ? $" (request id {ex.RequestId})" : string.Empty), advice, ex);
        }

        public static ErrorRecord UserFieldMissing(string subject, string parameter, object? target) => New(ErrorIds.UserFieldMissing, ErrorCategory.InvalidArgument, target,
            $"{subject}: Tallyfy requires {parameter} to invite a member, and none was given. Nothing was sent for it.",
            $"Pass {parameter}, or give the CSV row a {parameter.TrimStart('-')} column.");

        public static ErrorRecord InvalidEmail(string parameter, string? value, object? target) => New(ErrorIds.InvalidEmail, ErrorCategory.InvalidArgument, target,
            $"{parameter} '{Ids.Display(value)}' is not an email address. Nothing was sent for it.",
            "Pass an address such as 'jane.doe@example.com'.");

        public static ErrorRecord EmailIsMember(string email, TallyfyUser member, object? target) => New(ErrorIds.EmailIsMember, ErrorCategory.ResourceExists, target,
            $"'{email}' is the email of member {member.Name} ({member.Id}): Tallyfy makes no guest of a member's email. Nothing was sent for it.",
            "Assign the member itself (by email or id); Get-TallyfyUser -Email shows it.");

        public static ErrorRecord GroupAlreadyExists(string name, TallyfyGroup existing, object? target) => New(ErrorIds.GroupAlreadyExists, ErrorCategory.ResourceExists, target,
            $"The organization already has the group '{existing.Name}' ({existing.Id}); group names are unique, so nothing was sent.",
            $"Change that group with Set-TallyfyGroup -Name '{existing.Name}', or choose another name.");

        /// <summary>A member named by -Id (an id, an email or a user) that the organization does not have.</summary>
        public static ErrorRecord MemberNotFound(string value, string why, string organizationId, object? target) => New(ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, target,
            $"'{Ids.Display(value)}' names no member of organization {organizationId}: {why}. Nothing was sent for it.",
            "Pass a member's email or user id as Get-TallyfyUser shows them, or pipe the user itself.");

        /// <summary>People (-Member, -Guest, -AddMember, ...) that name no one the organization has: the resolver's reasons, did-you-mean included.</summary>
        public static ErrorRecord PeopleNotFound(string parameter, IEnumerable<KeyValuePair<string, string>> unresolved, object? target)
        {
            var list = unresolved.ToList();
            return New(ErrorIds.OwnerNotFound, ErrorCategory.ObjectNotFound, target ?? list[0].Key,
                $"{parameter} names no one TallyfyPS can find in the organization ({string.Join("; ", list.Select(u => $"'{Ids.Display(u.Key)}': {u.Value}"))}). Nothing was sent for it.",
                "Pass members by user id, email or user object (Get-TallyfyUser lists them) and guests by email (Get-TallyfyGuest; New-TallyfyGuest adds one).");
        }

        public static ErrorRecord GroupNotFoundByName(string value, string organizationId, object? target) => New(ErrorIds.GroupNotFound, ErrorCategory.ObjectNotFound, target,
            $"'{Ids.Display(value)}' names no group of organization {organizationId} (by id or name). Nothing was sent for it.",
            Noun.Group.ListHint + ".");

        public static ErrorRecord GuestNotFound(string email, string organizationId, object? target) => New(ErrorIds.GuestNotFound, ErrorCategory.ObjectNotFound, target,
            $"'{Ids.Display(email)}' is no guest of organization {organizationId}. Nothing was sent for it.",
            Noun.Guest.ListHint + ".");
    }
}
