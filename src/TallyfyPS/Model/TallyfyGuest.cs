namespace TallyfyPS.Model
{
    /// <summary>A guest: someone outside the organization who works on tasks by email.</summary>
    public sealed class TallyfyGuest
    {
        public string Email { get; set; } = string.Empty;
        public string? Name { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? CompanyName { get; set; }
        public TallyfyTimestamp? CreatedAt { get; set; }
        public string OrganizationId { get; set; } = string.Empty;

        public override string ToString() => Email;
    }
}
