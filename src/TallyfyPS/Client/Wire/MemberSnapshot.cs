using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>A member as read before removing them: whether Tallyfy would refuse (a bot, the organization's default admin).</summary>
    internal sealed class MemberSnapshot
    {
        public MemberSnapshot(TallyfyUser user, bool isBot, bool isDefaultAdmin)
        {
            User = user;
            IsBot = isBot;
            IsDefaultAdmin = isDefaultAdmin;
        }

        public TallyfyUser User { get; }

        public bool IsBot { get; }

        public bool IsDefaultAdmin { get; }
    }
}
