using System;

namespace TallyfyPS.Model
{
    /// <summary>An organization the signed-in user belongs to (Get-TallyfyOrganization, GET /me/organizations).</summary>
    public sealed class TallyfyOrganization
    {
        public string Id { get; set; } = string.Empty;
        public string? Name { get; set; }
        public TallyfyTimestamp? CreatedAt { get; set; }

        /// <summary>Whether it is the organization of the session in use (Connect-Tallyfy -OrganizationId).</summary>
        public bool IsCurrent { get; set; }

        public override string ToString() => Name ?? Id;
    }
}
