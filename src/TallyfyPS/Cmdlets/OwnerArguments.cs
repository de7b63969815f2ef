using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// -Owner (and its kin) as users write them: user ids, emails, users (and, where the API takes them, guests and
    /// groups), resolved to ids through the session's people directory before any other request.
    /// </summary>
    internal static class OwnerArguments
    {
        /// <summary>The owners resolved; a terminating OwnerNotFound error naming every value that is not one.</summary>
        public static ResolvedOwners Resolve(TallyfyCmdlet cmdlet, TallyfyApi api, string organizationId, object?[]? values, OwnerKinds kinds, string parameter)
        {
            object?[] plain = (values ?? new object?[0]).Select(v => v is PSObject ps ? ps.BaseObject : v).ToArray();
            ResolvedOwners owners = cmdlet.Await(cmdlet.Start(context => api.People(organizationId).ResolveAsync(plain, kinds, context)));
            if (owners.Unresolved.Count > 0)
            {
                string listed = string.Join("; ", owners.Unresolved.Select(u => $"'{Ids.Display(u.Key)}': {u.Value}"));
                cmdlet.ThrowTerminatingError(Errors.New(ErrorIds.OwnerNotFound, ErrorCategory.ObjectNotFound, owners.Unresolved[0].Key,
                    $"{parameter} names no one TallyfyPS can find in the organization ({listed}). Nothing was sent.",
                    "Pass a member's user id or email (Get-TallyfyUser lists them), or a user object" +
                    ((kinds & OwnerKinds.Guests) != 0 ? ", a guest's email" : string.Empty) +
                    ((kinds & OwnerKinds.Groups) != 0 ? ", or a group's id or name" : string.Empty) + "."));
            }

            return owners;
        }
    }
}
