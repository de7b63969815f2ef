namespace TallyfyPS.Model
{
    /// <summary>The result of removing one member (Remove-TallyfyUser).</summary>
    public sealed class TallyfyUserRemovalResult : TallyfyOperationResult
    {
        public long UserId { get; set; }

        public string? Email { get; set; }

        public string? Name { get; set; }

        /// <summary>Deactivate, or Delete with -Permanent.</summary>
        public TallyfyAction Action { get; set; }

        public TallyfyUserRemovalStatus Status { get; set; }

        /// <summary>With -ReassignTo: who Tallyfy gave every task of the member to (email).</summary>
        public string? ReassignedTo { get; set; }

        public override bool Succeeded => Status == TallyfyUserRemovalStatus.Removed || Status == TallyfyUserRemovalStatus.Deleted || Status == TallyfyUserRemovalStatus.AlreadyRemoved;

        internal override bool Settled => Succeeded || Status == TallyfyUserRemovalStatus.NotFound;

        public override string ToString() => $"{Email ?? UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Status}";
    }
}
