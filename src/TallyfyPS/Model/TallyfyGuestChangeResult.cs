namespace TallyfyPS.Model
{
    /// <summary>What New-TallyfyGuest or Remove-TallyfyGuest did to one guest.</summary>
    public sealed class TallyfyGuestChangeResult : TallyfyOperationResult
    {
        public string Email { get; set; } = string.Empty;
        public string? Name { get; set; }
        public string? CompanyName { get; set; }
        /// <summary>Create or Remove.</summary>
        public string Action { get; set; } = string.Empty;
        public TallyfyGuestChangeStatus Status { get; set; }
        /// <summary>The guest as the service answered, where it did.</summary>
        public TallyfyGuest? Guest { get; internal set; }

        public override bool Succeeded =>
            Status == TallyfyGuestChangeStatus.Created || Status == TallyfyGuestChangeStatus.AlreadyGuest || Status == TallyfyGuestChangeStatus.Removed;

        public override string ToString() => $"{Email} {Status}";
    }
}
