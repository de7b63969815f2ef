namespace TallyfyPS.Model
{
    /// <summary>What New-TallyfyUser, Set-TallyfyUser, Disable-TallyfyUser or Enable-TallyfyUser did to one member.</summary>
    public sealed class TallyfyUserChangeResult : TallyfyOperationResult
    {
        /// <summary>The member's user id; null when no member has (or got) one.</summary>
        public long? UserId { get; set; }
        public string? Email { get; set; }
        public string? Name { get; set; }
        /// <summary>Invite, SetRole, Disable or Enable.</summary>
        public string Action { get; set; } = string.Empty;
        /// <summary>The member's role after the change (admin, standard or light), where known.</summary>
        public string? Role { get; set; }
        /// <summary>The member's status after the change (active, invited or disabled), where known.</summary>
        public string? UserStatus { get; set; }
        public TallyfyUserChangeStatus Status { get; set; }
        /// <summary>The member as the service answered, where it did.</summary>
        public TallyfyUser? User { get; internal set; }

        public override bool Succeeded =>
            Status == TallyfyUserChangeStatus.Invited || Status == TallyfyUserChangeStatus.AlreadyMember ||
            Status == TallyfyUserChangeStatus.RoleChanged || Status == TallyfyUserChangeStatus.AlreadyInRole ||
            Status == TallyfyUserChangeStatus.Disabled || Status == TallyfyUserChangeStatus.AlreadyDisabled ||
            Status == TallyfyUserChangeStatus.Enabled || Status == TallyfyUserChangeStatus.AlreadyEnabled;

        public override string ToString() => $"{Email ?? UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Status}";
    }
}
