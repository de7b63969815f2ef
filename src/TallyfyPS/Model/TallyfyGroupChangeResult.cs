namespace TallyfyPS.Model
{
    /// <summary>What New-TallyfyGroup, Set-TallyfyGroup or Remove-TallyfyGroup did to one group.</summary>
    public sealed class TallyfyGroupChangeResult : TallyfyOperationResult
    {
        public string GroupId { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        /// <summary>Create, Update or Remove.</summary>
        public string Action { get; set; } = string.Empty;
        public TallyfyGroupChangeStatus Status { get; set; }
        /// <summary>The members' user ids after the change (before it, for a removal).</summary>
        public TallyfyList<long> MemberIds { get; internal set; } = TallyfyList<long>.Empty;
        /// <summary>The guests' emails after the change (before it, for a removal).</summary>
        public TallyfyList<string> Guests { get; internal set; } = TallyfyList<string>.Empty;
        /// <summary>What the change added and took away ("+1004 -1002 +sam.lee@northwind.example"); empty when nothing.</summary>
        public string? Changes { get; set; }
        /// <summary>The group as the service answered, where it did.</summary>
        public TallyfyGroup? Group { get; internal set; }

        public override bool Succeeded =>
            Status == TallyfyGroupChangeStatus.Created || Status == TallyfyGroupChangeStatus.Updated ||
            Status == TallyfyGroupChangeStatus.Unchanged || Status == TallyfyGroupChangeStatus.Removed;

        public override string ToString() => $"{Name} {Status}";
    }
}
