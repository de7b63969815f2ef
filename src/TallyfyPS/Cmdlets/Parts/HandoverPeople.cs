using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The members a handover names (the leaver, who takes over): by email, user id or user, looked up once a session.</summary>
    internal static class HandoverPeople
    {
        /// <summary>The member, or null with its error written (UserNotFound, with the directory's reason).</summary>
        public static TallyfyUser? Member(TallyfyCmdlet cmdlet, TallyfyOperations ops, string organizationId, string parameter, object? value)
        {
            TallyfyUser? user = Find(cmdlet, ops, organizationId, value, out string why);
            if (user is null)
            {
                cmdlet.WriteError(Errors.UnknownMember(parameter, Text(value), why, organizationId));
            }

            return user;
        }

        /// <summary>
        /// The member an email, user id or user names, through the people directory's resolver (as every people cmdlet);
        /// null when it names none, with why (a mistyped email's nearest member named).
        /// </summary>
        public static TallyfyUser? Find(TallyfyCmdlet cmdlet, TallyfyOperations ops, string organizationId, object? value, out string why)
        {
            object? plain = Plain(value);
            PeopleDirectory people = ops.People(organizationId);
            why = string.Empty;
            if (plain is TallyfyUser given)
            {
                return cmdlet.Await(cmdlet.Start(context => people.UserByIdAsync(given.Id, context))) ?? given;
            }

            ResolvedOwners resolved = cmdlet.Await(cmdlet.Start(context => people.ResolveAsync(new[] { plain }, OwnerKinds.Users, context)));
            if (resolved.Users.Count > 0)
            {
                return cmdlet.Await(cmdlet.Start(context => people.UserByIdAsync(resolved.Users[0], context)));
            }

            why = resolved.Unresolved.Count > 0 ? resolved.Unresolved[0].Value : "it is not a user id or a member's email";
            return null;
        }

        /// <summary>
        /// What names a member in a value: a user, an id or an email as given, or a row's (Import-Csv, Select-Object) Id,
        /// UserId or Email column, the first filled in.
        /// </summary>
        public static object? Plain(object? value)
        {
            object? plain = value is PSObject ps ? ps.BaseObject : value;
            return value is PSObject row && plain is PSCustomObject
                ? new[] { "Id", "UserId", "Email" }.Select(n => row.Properties[n]?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v?.ToString()))
                : plain;
        }

        public static string Text(object? value) => Convert.ToString(Plain(value), CultureInfo.InvariantCulture)?.Trim() ?? string.Empty;

        public static string EmailOf(TallyfyUser user) => user.Email ?? user.Id.ToString(CultureInfo.InvariantCulture);

        public static bool IsDisabled(TallyfyUser user) => string.Equals(user.Status, "disabled", StringComparison.OrdinalIgnoreCase);
    }
}
