using System.Globalization;

namespace TallyfyPS.Model
{
    /// <summary>A member of the organization.</summary>
    public sealed class TallyfyUser
    {
        public long Id { get; set; }
        public string? Email { get; set; }
        /// <summary>The full name (first and last), as Tallyfy shows it.</summary>
        public string? Name { get; set; }
        public string? Username { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Timezone { get; set; }
        /// <summary>admin, standard or light (lower case); null when the service did not say.</summary>
        public string? Role { get; set; }
        /// <summary>active, invited or disabled.</summary>
        public string? Status { get; set; }
        public TallyfyTimestamp? LastLoginAt { get; set; }
        /// <summary>The groups the member is in, where the list was read with them.</summary>
        public TallyfyList<string> GroupIds { get; set; } = TallyfyList<string>.Empty;
        /// <summary>True for a bot (an integration's member), which Tallyfy will not deactivate; null where the service did not say.</summary>
        public bool? IsBot { get; set; }
        /// <summary>True for the organization's default admin, which Tallyfy will not deactivate; null where the service did not say.</summary>
        public bool? IsDefaultAdmin { get; set; }
        public string OrganizationId { get; set; } = string.Empty;

        public override string ToString() => Email ?? Username ?? Id.ToString(CultureInfo.InvariantCulture);
    }
}
