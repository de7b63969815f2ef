namespace TallyfyPS.Model
{
    /// <summary>A group of members (and guests) that tasks can be assigned to.</summary>
    public sealed class TallyfyGroup
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public string? Description { get; set; }
        /// <summary>The member ids, as the group lists them.</summary>
        public TallyfyList<long> MemberIds { get; set; } = TallyfyList<long>.Empty;
        /// <summary>The members as users, where they were read (Get-TallyfyGroup -IncludeMembers).</summary>
        public TallyfyList<TallyfyUser> Members { get; set; } = TallyfyList<TallyfyUser>.Empty;
        /// <summary>The guests' emails.</summary>
        public TallyfyList<string> Guests { get; set; } = TallyfyList<string>.Empty;
        public string OrganizationId { get; set; } = string.Empty;

        public override string ToString() => Name;
    }
}
