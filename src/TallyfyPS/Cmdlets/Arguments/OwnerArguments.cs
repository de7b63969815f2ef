using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// -Owner (and its kin) as users write them: user ids, emails, users (and, where the API takes them, guests and
    /// groups), resolved to ids through the session's people directory before any other request.
    /// </summary>
    internal static class OwnerArguments
    {
        /// <summary>
        /// The owners resolved; a terminating OwnerNotFound error naming every value that is not one (with "did you mean"
        /// among members and guests). An email that is no member's or guest's is refused unless
        /// <paramref name="allowNewGuest"/> (-AllowNewGuest) says the call means a new guest.
        /// </summary>
        /// <param name="newGuestAdvice">Whether the call takes -AllowNewGuest (its advice names it); false where new guests are never made.</param>
        public static ResolvedOwners Resolve(TallyfyCmdlet cmdlet, TallyfyOperations api, string organizationId, object?[]? values, OwnerKinds kinds, string parameter,
            bool allowNewGuest = false, bool newGuestAdvice = true)
        {
            object?[] plain = (values ?? new object?[0]).Select(v => v is PSObject ps ? ps.BaseObject : v).ToArray();
            OwnerKinds allowed = Kinds(kinds, allowNewGuest);
            ResolvedOwners owners = cmdlet.Await(cmdlet.Start(context => api.People(organizationId).ResolveAsync(plain, allowed, context)));
            if (owners.Unresolved.Count > 0)
            {
                string listed = string.Join("; ", owners.Unresolved.Select(u => $"'{Ids.Display(u.Key)}': {u.Value}"));
                cmdlet.ThrowTerminatingError(Errors.New(ErrorIds.OwnerNotFound, ErrorCategory.ObjectNotFound, owners.Unresolved[0].Key,
                    $"{parameter} names no one TallyfyPS can find in the organization ({listed}). Nothing was sent.",
                    "Pass a member's user id or email (Get-TallyfyUser lists them), or a user object" +
                    ((kinds & OwnerKinds.Guests) != 0 ? ", a guest's email (Get-TallyfyGuest lists them)" : string.Empty) +
                    ((kinds & OwnerKinds.Groups) != 0 ? ", or a group's id or name" : string.Empty) + "." +
                    (owners.NewGuestRefused && parameter != "-RemoveOwner" && newGuestAdvice
                        ? " To invite an email as a new guest (Tallyfy e-mails it; 30 guest invites an hour), add -AllowNewGuest."
                        : owners.NewGuestRefused && !newGuestAdvice
                            ? " This command never makes a new guest (Tallyfy would invite the email without a word): create the guest first if one is meant."
                            : string.Empty)));
            }

            return owners;
        }

        /// <summary>The owner kinds a call takes: with -AllowNewGuest, an email no one has yet is a new guest where guests are taken.</summary>
        public static OwnerKinds Kinds(OwnerKinds kinds, bool allowNewGuest) =>
            allowNewGuest && (kinds & OwnerKinds.Guests) != 0 ? kinds | OwnerKinds.NewGuests : kinds;
    }
}
