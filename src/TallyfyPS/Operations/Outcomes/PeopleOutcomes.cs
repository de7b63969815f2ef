using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What a change of one member did (an invite, a role, disabling, enabling): the member as answered.</summary>
    internal sealed class MemberOutcome : ChangeOutcome<TallyfyUser>
    {
        protected override string DoneText => "Done";
    }

    /// <summary>What creating or removing one guest did.</summary>
    internal sealed class GuestOutcome : ChangeOutcome<TallyfyGuest>
    {
        protected override string DoneText => "Done";
    }

    /// <summary>What creating, updating or removing one group did.</summary>
    internal sealed class GroupOutcome : ChangeOutcome<TallyfyGroup>
    {
        protected override string DoneText => "Done";
    }
}
