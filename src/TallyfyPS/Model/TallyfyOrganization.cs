using System;

namespace TallyfyPS.Model
{
    public sealed class TallyfyOrganization
    {
        public string Id { get; set; } = string.Empty;
        public string? Name { get; set; }
        public TallyfyTimestamp? CreatedAt { get; set; }

        public override string ToString() => Name ?? Id;
    }
}
