using System;
using System.Collections.Generic;
using System.Globalization;

namespace TallyfyPS.Model
{
    /// <summary>
    /// Who a task is assigned to: members by user id, guests by email, groups by id (as Tallyfy sends them), and, where
    /// the members and groups could be read, the members' emails and the groups' names, which the text shows:
    /// "marco.reyes@acme.example, olga.petrov@contoso.example, Finance team".
    /// </summary>
    public sealed class TallyfyTaskOwners
    {
        public long[] Users { get; set; } = Array.Empty<long>();
        public string[] Guests { get; set; } = Array.Empty<string>();
        public string[] Groups { get; set; } = Array.Empty<string>();
        /// <summary>The email of each of <see cref="Users"/>, in the same order (null where unknown); empty when not read.</summary>
        public string?[] UserEmails { get; set; } = Array.Empty<string?>();
        /// <summary>The name of each of <see cref="Groups"/>, in the same order (null where unknown); empty when not read.</summary>
        public string?[] GroupNames { get; set; } = Array.Empty<string?>();

        public override string ToString()
        {
            var parts = new List<string>();
            for (int i = 0; i < Users.Length; i++)
            {
                parts.Add(i < UserEmails.Length && UserEmails[i] is string email ? email : Users[i].ToString(CultureInfo.InvariantCulture));
            }

            parts.AddRange(Guests);
            for (int i = 0; i < Groups.Length; i++)
            {
                parts.Add(i < GroupNames.Length && GroupNames[i] is string name ? name : "group:" + Groups[i]);
            }

            return string.Join(", ", parts);
        }
    }
}
