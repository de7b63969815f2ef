using System;
using System.Globalization;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The members a handover names (the leaver, who takes over): by email, user id or user, looked up once a session.</summary>
    internal static class HandoverPeople
    {
        /// <summary>The member, or null with its error written (UserNotFound).</summary>
        public static TallyfyUser? Member(TallyfyCmdlet cmdlet, TallyfyOperations ops, string organizationId, string parameter, object? value)
        {
            TallyfyUser? user = Find(cmdlet, ops, organizationId, value);
            if (user is null)
            {
                cmdlet.WriteError(Errors.UnknownMember(parameter, Text(value), organizationId));
            }

            return user;
        }

        /// <summary>The member an email, user id or user names; null when it names none.</summary>
        public static TallyfyUser? Find(TallyfyCmdlet cmdlet, TallyfyOperations ops, string organizationId, object? value)
        {
            object? plain = value is PSObject ps ? ps.BaseObject : value;
            PeopleDirectory people = ops.People(organizationId);
            if (plain is TallyfyUser given)
            {
                return cmdlet.Await(cmdlet.Start(context => people.UserByIdAsync(given.Id, context))) ?? given;
            }

            string text = Text(plain);
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id > 0)
            {
                return cmdlet.Await(cmdlet.Start(context => people.UserByIdAsync(id, context)));
            }

            return text.IndexOf('@') > 0 ? cmdlet.Await(cmdlet.Start(context => people.FindUserAsync(text, context))) : null;
        }

        public static string Text(object? value) => Convert.ToString(value is PSObject ps ? ps.BaseObject : value, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty;

        public static string EmailOf(TallyfyUser user) => user.Email ?? user.Id.ToString(CultureInfo.InvariantCulture);

        public static bool IsDisabled(TallyfyUser user) => string.Equals(user.Status, "disabled", StringComparison.OrdinalIgnoreCase);
    }
}
